/**
 * Synthetic: a mailer's outbound host handing a message to its own inbound host over its own public network — the
 * case a provider table entry (`mailer.example`, `mailer-mx.example`, 203.0.113.0/24) turns internal.
 */
export const PROVIDER_MESSAGE = [
  'Received: from in1.mailer-mx.example (in1.mailer-mx.example [198.51.100.1]) by mx.example.net (Postfix) with ESMTPS id 1; Tue, 14 May 2024 09:12:05 +0000',
  'Received: from out1.mailer.example (203.0.113.77) by in1.mailer-mx.example (198.51.100.1) with ESMTP id 2; Tue, 14 May 2024 09:12:04 +0000',
  'Subject: providers',
  '',
  'body',
  '',
].join('\r\n');
