#!/usr/bin/perl
# Print SpamAssassin's parsed relays for each message file named on stdin, one JSON line per message.
# Used once by compare-spamassassin.mjs to measure how often our from-IP agrees with SpamAssassin's relay IP.
use strict;
use warnings;
use Mail::SpamAssassin;
use JSON::PP;

my $sa = Mail::SpamAssassin->new({
  dont_copy_prefs => 1, local_tests_only => 1, userprefs_filename => '/dev/null',
  site_rules_filename => '/dev/null', rules_filename => '/dev/null', debug => 0,
});
$sa->init(1);
my $json = JSON::PP->new->canonical;
while (my $file = <STDIN>) {
  chomp $file;
  open(my $fh, '<:raw', $file) or next;
  local $/;
  my $text = <$fh>;
  close $fh;
  my $msg = $sa->parse($text, 1);
  my $pms = Mail::SpamAssassin::PerMsgStatus->new($sa, $msg);
  $msg->extract_message_metadata($pms);
  my @relays = map { { ip => $_->{ip}, by => $_->{by}, id => $_->{id}, helo => $_->{helo}, rdns => $_->{rdns} } }
    (@{ $msg->{metadata}->{relays_trusted} || [] }, @{ $msg->{metadata}->{relays_untrusted} || [] });
  print $json->encode({ file => $file, relays => \@relays, unparseable => $msg->{metadata}->{num_relays_unparseable} || 0 }), "\n";
  $pms->finish();
  $msg->finish();
}
