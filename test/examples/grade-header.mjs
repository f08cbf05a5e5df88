// Grade a single Received header, e.g. one pasted into a web form or read by a mail-client add-on.
// Run: node test/examples/grade-header.mjs ['<Received value>']
import { gradeTls, parseReceived } from 'received-forensics';

const value =
  process.argv[2] ??
  'from relay.example.com (relay.example.com [203.0.113.9]) by mx.example.net with ESMTPS ' +
    '(version=TLSv1.2 cipher=ECDHE-RSA-AES256-GCM-SHA384 bits=256 verify=NOT); Tue, 2 Jul 2024 10:00:00 +0200';

const hop = parseReceived(value);
console.log(
  JSON.stringify({
    from: hop.from?.ip ?? null,
    by: hop.by?.host ?? null,
    version: hop.tls?.version ?? null,
    cipher: hop.tls?.cipherIana ?? null,
    grade: hop.security.grade,
    rules: hop.security.reasons.map((r) => r.rule),
    date: hop.date?.iso ?? null,
  }),
);

// The policy on its own, for parameters you already have (spellings as MTAs write them).
console.log(gradeTls({ version: 'TLSv1', cipher: 'DES-CBC3-SHA' }).grade); // C under the default policy
console.log(gradeTls({ version: 'TLSv1', cipher: 'DES-CBC3-SHA' }, 'bcp195').grade); // F: RFC 9325 MUST NOT
