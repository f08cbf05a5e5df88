#!/usr/bin/perl
# SpamAssassin's relay parsing (Mail::SpamAssassin::Message::Metadata: the Received parser behind relays_trusted /
# relays_untrusted) over every file named on stdin, in one process, with no rules loaded: what SA spends to get to
# the same facts. Prints one JSON line: messages, relays, unparseable. Same driving as test/tools/sa-relays.pl.
use strict;
use warnings;
use Mail::SpamAssassin;

my $sa = Mail::SpamAssassin->new({
  dont_copy_prefs => 1, local_tests_only => 1, userprefs_filename => '/dev/null',
  site_rules_filename => '/dev/null', rules_filename => '/dev/null', debug => 0,
});
$sa->init(1);
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
  $relays += scalar(@{ $msg->{metadata}->{relays_trusted} || [] }) + scalar(@{ $msg->{metadata}->{relays_untrusted} || [] });
  $unparseable += $msg->{metadata}->{num_relays_unparseable} || 0;
  $messages++;
  $pms->finish();
  $msg->finish();
}
print "{\"messages\":$messages,\"relays\":$relays,\"unparseable\":$unparseable}\n";
