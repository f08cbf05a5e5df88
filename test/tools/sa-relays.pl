#!/usr/bin/perl
# SpamAssassin's relay parsing (Mail::SpamAssassin::Message::Metadata: the Received parser behind relays_trusted /
# relays_untrusted) over every file named on stdin, in one process, with no rules loaded.
#   perl test/tools/sa-relays.pl           one JSON line per message with its relays (compare-spamassassin.mjs)
#   perl test/tools/sa-relays.pl --count   one JSON line at the end: messages, relays, unparseable (npm run bench)
use strict;
use warnings;
use Mail::SpamAssassin;
use JSON::PP;

my $count_only = grep { $_ eq '--count' } @ARGV;
my $sa = Mail::SpamAssassin->new({
  dont_copy_prefs => 1, local_tests_only => 1, userprefs_filename => '/dev/null',
  site_rules_filename => '/dev/null', rules_filename => '/dev/null', debug => 0,
});
$sa->init(1);
my $json = JSON::PP->new->canonical;
my ($messages, $relays, $unparseable) = (0, 0, 0);
while (my $file = <STDIN>) {
  chomp $file;
  open(my $fh, '<:raw', $file) or next;
  local $/;
  my $text = <$fh>;
  close $fh;
  my $msg = $sa->parse($text, 1);
  my $pms = Mail::SpamAssassin::PerMsgStatus->new($sa, $msg);
  $msg->extract_message_metadata($pms);
  my @found = (@{ $msg->{metadata}->{relays_trusted} || [] }, @{ $msg->{metadata}->{relays_untrusted} || [] });
  my $bad = $msg->{metadata}->{num_relays_unparseable} || 0;
  $messages++;
  $relays += scalar(@found);
  $unparseable += $bad;
  if (!$count_only) {
    my @out = map { { ip => $_->{ip}, by => $_->{by}, id => $_->{id}, helo => $_->{helo}, rdns => $_->{rdns} } } @found;
    print $json->encode({ file => $file, relays => \@out, unparseable => $bad }), "\n";
  }
  $pms->finish();
  $msg->finish();
}
print "{\"messages\":$messages,\"relays\":$relays,\"unparseable\":$unparseable}\n" if $count_only;
