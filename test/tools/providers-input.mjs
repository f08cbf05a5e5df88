/**
 * Hand-written input of generate-providers.mjs: which provider each reference file speaks for, the host-name
 * families, and the few facts that exist only in the prose of the provider notes. Nothing here is taken on trust:
 * the generator checks every range, domain and date written below against the document it is checked in and fails
 * on any mismatch, so no range or name is typed from memory. The table cites only upstream sources (`source`):
 * the generator checks that each repository or URL cited is one the provider notes name.
 *
 * Documents a `doc`, `quote` or `quotedIn` can name (checked in, never cited):
 * - 'providers.md': the provider notes, "compiled on 2026-12-07" from stored public sources;
 * - 'SOURCES.md': the provenance note of the reference files;
 * - 'parsedmarc': parsedmarc/base_reverse_dns_map.extract.csv (domainaware/parsedmarc's PTR base-domain map):
 *   a domain must be a row whose service name is one of `services`;
 * - 'o365-urls': misp/microsoft-office365.list.json (MISP's Office 365 URL list): a domain must be an entry.
 *
 * Network specs (`networks`), each with the space it feeds:
 * - `{ from: 'misp', file, pick? }`: a MISP CIDR list, whole or only the `pick`ed entries (each must be an entry;
 *   with `quotedIn`, each must also be written in that document);
 * - `{ from: 'endpoints', version, id }`: one row of the transcribed Exchange Online endpoints extract;
 * - `{ from: 'goog' }`: every prefix of Google's goog.json copy;
 * - `{ from: 'gmail-history' }`: every prefix gmail.com's SPF authorised over the MISP history (derived file);
 * - `{ from: 'prose', ranges, quote }`: blocks written in providers.md only (each must occur there verbatim);
 * - `{ from: 'msip', files }`: msipdelta2 SPF snapshots (2020-2021). Split by currency: a block still inside an
 *   entry of MISP's 2026 smtp-sending-ips union is attributable (the snapshot names the provider) and current (some
 *   2026 SPF still authorises it), so it is mail space; the rest is stale and goes to wide space.
 *
 * Domains left out on purpose (customer or subscriber space under a provider's name would make outsiders
 * "internal"): cloud and hosting suffixes (googleusercontent.com, appspot.com, cloudapp.net, azure*.net,
 * yandex.cloud, demandware.net, ionos.*), ISP subscriber domains (comcast.net, orange.fr, 1und1.net: their PTRs
 * name home connections), and operators of their own (yahoo.co.jp, outlook.cn; see the notes).
 */

/** Upstream names of the reference files, keyed by path under the generator's PROVIDERS_DIR. */
export const UPSTREAM = {
  'misp/microsoft-office365-ip.list.json':
    'MISP/misp-warninglists:lists/microsoft-office365-ip/list.json (from https://endpoints.office.com/endpoints/worldwide, all service areas merged)',
  'misp/microsoft-office365.list.json': 'MISP/misp-warninglists:lists/microsoft-office365/list.json (Office 365 URLs)',
  'misp/google-gmail-sending-ips.list.json':
    'MISP/misp-warninglists:lists/google-gmail-sending-ips/list.json (consolidated SPF expansion of gmail.com)',
  'misp/smtp-sending-ips.list.json':
    'MISP/misp-warninglists:lists/smtp-sending-ips/list.json (consolidated SPF expansion of 159 consumer mail domains; not attributable per domain)',
  'misp/apple.list.json': 'MISP/misp-warninglists:lists/apple/list.json ("IP ranges assigned to Apple")',
  'google/goog-2024-04-25.json': 'https://www.gstatic.com/ipranges/goog.json, as copied in berthubert/googerteller:goog.json @24ec2e56dd95',
  'derived/gmail-spf-history-from-misp.tsv':
    'git history of MISP/misp-warninglists:lists/google-gmail-sending-ips/list.json (one row per distinct content)',
  'microsoft/exchange-online-endpoints-extract.md':
    'MicrosoftDocs/microsoft-365-docs:microsoft-365/includes/office-365-worldwide-endpoints.md (Exchange Online rows, transcribed)',
  'parsedmarc/base_reverse_dns_map.extract.csv':
    'domainaware/parsedmarc:parsedmarc/resources/maps/base_reverse_dns_map.csv @3b53f836a68a (PTR base domain to service)',
};

/** The parsedmarc map's date, as SOURCES.md gives it. */
export const PARSEDMARC_DATE = { date: '2026-07-16', quote: '3b53f836a68a (2026-07-16)' };

/** The public corpus of real messages whose Received lines show these host families. */
const PHISHING_POT = 'rf-peixoto/phishing_pot @8e207b5f465b';

/** The PTR base-domain map: which service a reverse-DNS name belongs to. */
const PARSEDMARC = 'domainaware/parsedmarc:parsedmarc/resources/maps/base_reverse_dns_map.csv @3b53f836a68a';

/** The page that says Yahoo publishes no ranges and names its MX host family. */
const SUPED_YAHOO = 'https://suped.com/email-deliverability/answers/what-are-the-current-yahoo-mail-server-names-and-infrastructure';

/** Where a range list was looked for and not found. */
const NO_RANGE_LIST = 'no list in MISP/misp-warninglists or blankcode/msipdelta2 (at most unattributed entries of the SPF union)';

/** Host families checked in the provider notes, as seen in the corpus. */
const OBSERVED = {
  source: `${PHISHING_POT}, host names in its Received lines`,
  date: '2026-03-27',
  quote: '@8e207b5f465b (2026-03-27)',
};

/**
 * msipdelta2 files (blankcode/msipdelta2, MIT): the SPF record each expands and the file's last commit, as
 * SOURCES.md states them (`quote`s must occur there).
 */
export const MSIP = {
  'Google_Email_Services/list/IPv4': { spf: '_spf.google.com', commit: '428e888', date: '2020-10-31', quote: ['Google 428e888 (2020-10-31)'] },
  'Google_Email_Services/list/IPv6': { spf: '_spf.google.com', commit: '428e888', date: '2020-10-31', quote: ['Google 428e888 (2020-10-31)'] },
  'Microsoft_Office_365_and_Azure/list/IPv4': {
    spf: 'spf.protection.outlook.com',
    commit: 'e8a6b9a',
    date: '2021-02-25',
    quote: ['Microsoft IPv4 e8a6b9a (2021-02-25)'],
  },
  'Microsoft_Office_365_and_Azure/list/IPv6': {
    spf: 'spf.protection.outlook.com',
    commit: '428e888',
    date: '2020-10-31',
    quote: ['IPv6 428e888', 'Google 428e888 (2020-10-31)'],
  },
  'ProtonMail/list/IPv4': { spf: '_spf.protonmail.ch', commit: '79ff117', date: '2021-07-14', quote: ['ProtonMail, MimeCast_GL/US/AU, SendGrid 79ff117 (2021-07-14)'] },
  'SendGrid/list/IPv4': { spf: 'sendgrid.net', commit: '79ff117', date: '2021-07-14', quote: ['ProtonMail, MimeCast_GL/US/AU, SendGrid 79ff117 (2021-07-14)'] },
  'MimeCast_GL/list/IPv4': { spf: '_netblocks.mimecast.com', commit: '79ff117', date: '2021-07-14', quote: ['ProtonMail, MimeCast_GL/US/AU, SendGrid 79ff117 (2021-07-14)'] },
  'MimeCast_US/list/IPv4': { spf: '_netblocks.mimecast.com', commit: '79ff117', date: '2021-07-14', quote: ['ProtonMail, MimeCast_GL/US/AU, SendGrid 79ff117 (2021-07-14)'] },
  'MimeCast_AU/list/IPv4': { spf: '_netblocks.mimecast.com', commit: '79ff117', date: '2021-07-14', quote: ['ProtonMail, MimeCast_GL/US/AU, SendGrid 79ff117 (2021-07-14)'] },
  'MimeCast_EU/list/IPv4': { spf: '_netblocks.mimecast.com', commit: '6cf65f8', date: '2021-03-17', quote: ['MimeCast_EU 6cf65f8 (2021-03-17)'] },
  'MimeCast_DE/list/IPv4': { spf: '_netblocks.mimecast.com', commit: 'd19f110', date: '2021-03-06', quote: ['MimeCast_DE d19f110 (2021-03-06)'] },
  'MimeCast_CA/list/IPv4': { spf: '_netblocks.mimecast.com', commit: '1091a60', date: '2021-02-10', quote: ['MimeCast_CA 1091a60 (2021-02-10)'] },
  'MimeCast_ZA/list/IPv4': { spf: '_netblocks.mimecast.com', commit: '428e888', date: '2020-10-31', quote: ['MimeCast_ZA, MessageLabs, MailChimp, MailGun-2 428e888 (2020-10-31)'] },
  'MessageLabs/list/IPv4': { spf: 'spf.messagelabs.com', commit: '428e888', date: '2020-10-31', quote: ['MimeCast_ZA, MessageLabs, MailChimp, MailGun-2 428e888 (2020-10-31)'] },
  'MailChimp/list/IPv4': { spf: 'servers.mcsv.net', commit: '428e888', date: '2020-10-31', quote: ['MimeCast_ZA, MessageLabs, MailChimp, MailGun-2 428e888 (2020-10-31)'] },
  'MailGun-1/list/IPv4': { spf: 'spf1.mailgun.org', commit: '0c2982b', date: '2021-01-14', quote: ['MailGun-1 0c2982b (2021-01-14)'] },
  'MailGun-2/list/IPv4': { spf: 'spf2.mailgun.org', commit: '428e888', date: '2020-10-31', quote: ['MimeCast_ZA, MessageLabs, MailChimp, MailGun-2 428e888 (2020-10-31)'] },
};

const SMTP_UNION = 'misp/smtp-sending-ips.list.json';

/** A pick out of the unattributed union that the provider notes place with one provider: wide space only. */
function unionPick(ranges) {
  return {
    space: 'wide',
    from: 'misp',
    file: SMTP_UNION,
    pick: ranges,
    quotedIn: 'providers.md',
    part: 'entries of the unattributed SPF union taken as this provider\'s (kept out of mail space: the union does not say whose they are)',
  };
}

/** One provider per element, in the order of the table. */
export const PROVIDERS = [
  {
    id: 'microsoft',
    name: 'Microsoft 365 / Exchange Online / Outlook.com',
    domains: [
      { names: ['outlook.com', 'office365.com', 'exchangelabs.com'], doc: 'providers.md', why: 'host families in Received lines', ...OBSERVED },
      { names: ['outlook.com', 'live.com', 'microsoft.com'], doc: 'parsedmarc', services: ['Outlook (Personal and Microsoft 365)', 'Microsoft'] },
      { names: ['mx.microsoft', 'outlook.office.com'], doc: 'o365-urls', why: 'new MX namespace (*.mx.microsoft) and the client endpoint' },
    ],
    networks: [
      { space: 'mail', from: 'endpoints', version: '2023073100', id: '10', part: 'Exchange Online endpoint ID 10: *.mail.protection.outlook.com, TCP 25 (the same in version 2022072800)', quote: 'ID 10 is identical to the 2023 version' },
      { space: 'wide', from: 'endpoints', version: '2023073100', id: '1', part: 'Exchange Online endpoint ID 1: outlook.office.com, outlook.office365.com (client access, also ID 2 smtp.office365.com)' },
      { space: 'wide', from: 'misp', file: 'misp/microsoft-office365-ip.list.json', part: 'every Office 365 service area, merged' },
      {
        space: 'wide',
        from: 'prose',
        ranges: ['2603:1000::/24', '2a01:110::/31', '40.64.0.0/10'],
        part: "Microsoft's overall published address space (holds the internal 2603:10xx hop addresses and the 40.95.x EOP egress)",
        source: 'lord-alfred/ipranges:microsoft/ipv4.txt, microsoft/ipv6.txt (built from Microsoft\'s Azure Service Tags downloads and the msft-public-ips CSV)',
        date: '2026-08-18',
        quote: 'file commit 2026-08-18',
      },
      { from: 'msip', files: ['Microsoft_Office_365_and_Azure/list/IPv4', 'Microsoft_Office_365_and_Azure/list/IPv6'] },
    ],
    notes: [
      {
        text: 'outlook.cn is left out: parsedmarc names it apart ("Outlook (China)") and no range here covers it; 25.x and 10.x/100.64.x hop addresses are not global and are decided elsewhere',
        source: `${PARSEDMARC}; ${PHISHING_POT} (hop addresses)`,
        date: '2026-03-27 to 2026-07-16',
      },
    ],
  },
  {
    id: 'google',
    name: 'Google (Gmail, Google Workspace)',
    domains: [
      { names: ['google.com', '1e100.net'], doc: 'parsedmarc', services: ['Google (Including Gmail and Google Workspace)', 'Google'] },
      { names: ['gmail.com', 'googlemail.com'], doc: 'providers.md', why: 'smtp.gmail.com, smtp-relay.gmail.com and googlemail.com hosts', ...OBSERVED },
    ],
    networks: [
      { space: 'mail', from: 'misp', file: 'misp/google-gmail-sending-ips.list.json', part: 'gmail.com SPF blocks (_spf.google.com and its _netblocks)' },
      { from: 'msip', files: ['Google_Email_Services/list/IPv4', 'Google_Email_Services/list/IPv6'] },
      { space: 'wide', from: 'gmail-history', part: 'every block gmail.com SPF authorised from 2019 on (Google narrowed the record in 2025-2026)' },
      { space: 'wide', from: 'goog', part: "Google's user-facing ranges (goog.json)" },
      {
        space: 'wide',
        from: 'prose',
        ranges: ['108.177.16.0/23', '142.250.220.0/23', '2600:1901:101::/48'],
        part: 'unverified-forwarding servers (*.unverified-forwarding.1e100.net), outside the SPF record on purpose',
        source: 'https://support.google.com/a/answer/60764 as quoted by https://commons.lbl.gov/spaces/ICS/pages/199497656/Email+repository+firewall+requirement',
        date: '2021-01-25',
        quote: 'last updated 2021-01-25',
      },
    ],
    notes: [
      {
        text: 'internal hops written by 2002:a00::/24 hosts (6to4 images of 10.0.0.0/8) are not global and are decided elsewhere, not here',
        source: `RFC 3056 §2 (a 6to4 prefix embeds an IPv4 address); ${PHISHING_POT} (by 2002:a… hops)`,
        date: '2026-03-27',
      },
    ],
  },
  {
    id: 'yahoo',
    name: 'Yahoo Mail / AOL',
    domains: [
      { names: ['yahoo.com', 'yahooinc.com'], doc: 'parsedmarc', services: ['Yahoo'] },
      { names: ['yahoodns.net'], doc: 'providers.md', why: 'MX host family, "used for mail routing"', source: SUPED_YAHOO, date: 'undated' },
    ],
    networks: [unionPick(['74.6.128.0/21', '66.163.184.0/21'])],
    notes: [
      {
        text: 'Yahoo publishes no IP ranges; yahoo.co.jp is Yahoo Japan (named apart by parsedmarc) and is left out; no source names an aol.com mail host',
        source: `${SUPED_YAHOO}; ${PARSEDMARC}`,
        date: 'undated; 2026-07-16',
      },
    ],
  },
  {
    id: 'apple',
    name: 'Apple iCloud Mail',
    domains: [
      { names: ['icloud.com', 'me.com'], doc: 'parsedmarc', services: ['Apple iCloud'] },
      { names: ['apple.com'], doc: 'parsedmarc', services: ['Apple'] },
    ],
    networks: [
      {
        space: 'mail',
        from: 'misp',
        file: 'misp/apple.list.json',
        part: 'the address blocks assigned to Apple, taken whole as mail space: Apple publishes no mail-only list (https://support.apple.com/en-us/102322 gives none) and no source shows anyone but Apple using these blocks',
      },
    ],
  },
  {
    id: 'amazon-ses',
    name: 'Amazon SES',
    domains: [{ names: ['amazonses.com'], doc: 'parsedmarc', services: ['Amazon SES'] }],
    networks: [unionPick(['54.240.0.0/17', '23.251.224.0/19'])],
    notes: [
      {
        text: 'no SES-specific range list exists; amazonaws.com (EC2 customers) is deliberately not a domain here',
        source: 'https://docs.aws.amazon.com/ses/latest/APIReference/API_SetIdentityMailFromDomain.html (SES mail comes from amazonses.com)',
        date: 'undated',
      },
    ],
  },
  {
    id: 'proofpoint',
    name: 'Proofpoint (on Demand, Essentials)',
    domains: [
      { names: ['pphosted.com', 'proofpoint.com'], doc: 'parsedmarc', services: ['Proofpoint'] },
      { names: ['ppe-hosted.com'], doc: 'parsedmarc', services: ['Proofpoint Essentials'] },
      { names: ['gpphosted.com'], doc: 'parsedmarc', services: ['Proofpoint (Government)'] },
      { names: ['ppops.net'], doc: 'providers.md', why: 'internal filter host of pphosted.com chains', ...OBSERVED },
    ],
    networks: [],
    notes: [
      {
        text: 'no range list found; Cloudmark (cloudmark.com, cloudfilter.net) is left out until a source shows it in Proofpoint mail chains',
        source: `https://excelmicro.kayako.com/en-us/article/48-setup-step-3-firewall-lockdown-options-for-email-ldap-discovery (links a range list it does not hold); ${PARSEDMARC} (Cloudmark)`,
        date: 'undated; 2026-07-16',
      },
    ],
  },
  {
    id: 'mimecast',
    name: 'Mimecast',
    domains: [
      { names: ['mimecast.com', 'mimecast-offshore.com'], doc: 'parsedmarc', services: ['Mimecast'] },
      { names: ['mimecast.co.za'], doc: 'providers.md', why: 'delivery hosts', ...OBSERVED },
    ],
    networks: [
      {
        from: 'msip',
        files: ['MimeCast_GL/list/IPv4', 'MimeCast_US/list/IPv4', 'MimeCast_EU/list/IPv4', 'MimeCast_DE/list/IPv4', 'MimeCast_CA/list/IPv4', 'MimeCast_ZA/list/IPv4', 'MimeCast_AU/list/IPv4'],
      },
    ],
    notes: [
      {
        text: 'Mimecast retired its leased IPv4 ranges in 2022-2023; the 2021 blocks no 2026 source confirms are wide space only',
        source:
          'https://excelmicro.kayako.com/en-us/article/384-mimecast-data-centers-and-urls-north-american; https://mimecastsupport.zendesk.com/hc/en-us/articles/34000659090707-Administration-Frequently-Asked-Questions',
        date: 'undated',
      },
    ],
  },
  {
    id: 'barracuda',
    name: 'Barracuda Email Security Service',
    domains: [{ names: ['barracuda.com'], doc: 'parsedmarc', services: ['Barracuda'] }],
    networks: [],
    notes: [
      {
        text: "the published range table is missing from the stored copy; customers' own gateways named barracuda* are not Barracuda's",
        source: `https://campus.barracuda.com/product/essentials/doc/78810332/barracuda-email-security-service/; ${PHISHING_POT} (customer gateways)`,
        date: 'undated; 2026-03-27',
      },
    ],
  },
  {
    id: 'cisco',
    name: 'Cisco Secure Email Cloud (IronPort, iphmx.com)',
    domains: [{ names: ['iphmx.com'], doc: 'parsedmarc', services: ['Cisco Cloud Email Security (CES)'] }],
    networks: [],
    notes: [{ text: 'no range list found', source: NO_RANGE_LIST, date: '2026-08-11' }],
  },
  {
    id: 'zoho',
    name: 'Zoho Mail / ZeptoMail',
    domains: [
      {
        names: ['zoho.com', 'zoho.eu', 'zoho.in', 'zoho.com.au', 'zohocloud.ca', 'zohomail.com', 'zohocorp.com', 'zohocorporation.com', 'transmail.net'],
        doc: 'parsedmarc',
        services: ['Zoho'],
      },
      { names: ['zcsend.net', 'zcmail.net'], doc: 'parsedmarc', services: ['Zoho Campaigns'] },
    ],
    networks: [unionPick(['135.84.80.0/22'])],
  },
  {
    id: 'fastmail',
    name: 'Fastmail',
    domains: [{ names: ['messagingengine.com', 'fastmail.com'], doc: 'parsedmarc', services: ['Fastmail'] }],
    networks: [],
    notes: [
      { text: 'no range source found; user.fm is left out: it is a public suffix (users get names under it)', source: `${NO_RANGE_LIST}; Public Suffix List`, date: '2026-08-11' },
    ],
  },
  {
    id: 'proton',
    name: 'Proton Mail',
    domains: [{ names: ['protonmail.ch', 'proton.ch', 'proton.me'], doc: 'parsedmarc', services: ['Proton'] }],
    networks: [{ from: 'msip', files: ['ProtonMail/list/IPv4'] }],
  },
  {
    id: 'yandex',
    name: 'Yandex Mail',
    domains: [{ names: ['yandex.net', 'yandex.com', 'ya.ru'], doc: 'parsedmarc', services: ['Yandex'] }],
    networks: [unionPick(['178.154.239.80/28'])],
    notes: [{ text: 'yandex.cloud and yandexcloud.net (Yandex Cloud customers) are left out', source: `${PARSEDMARC} (IaaS)`, date: '2026-07-16' }],
  },
  {
    id: 'mailru',
    name: 'Mail.ru',
    domains: [{ names: ['mail.ru'], doc: 'parsedmarc', services: ['Mail.ru'] }],
    networks: [],
    notes: [{ text: 'no range source found', source: NO_RANGE_LIST, date: '2026-08-11' }],
  },
  {
    id: 'tencent',
    name: 'Tencent QQ Mail / Exmail',
    domains: [{ names: ['qq.com'], doc: 'parsedmarc', services: ['QQ'] }],
    networks: [unionPick(['43.154.54.12/32'])],
    notes: [{ text: 'tencent.com (the company, also its cloud) is left out: no source shows mail hosts there', source: PARSEDMARC, date: '2026-07-16' }],
  },
  {
    id: 'sendgrid',
    name: 'Twilio SendGrid',
    domains: [{ names: ['sendgrid.net', 'sendgrid.com', 'dlivry.co'], doc: 'parsedmarc', services: ['Twilio SendGrid'] }],
    networks: [{ from: 'msip', files: ['SendGrid/list/IPv4'] }],
  },
  {
    id: 'mailgun',
    name: 'Mailgun',
    domains: [{ names: ['mailgun.net', 'mailgun.com', 'mailgun.info', 'mailgun.us'], doc: 'parsedmarc', services: ['Mailgun'] }],
    networks: [{ from: 'msip', files: ['MailGun-1/list/IPv4', 'MailGun-2/list/IPv4'] }],
  },
  {
    id: 'mailchimp',
    name: 'Intuit Mailchimp / Mandrill',
    domains: [
      { names: ['mailchimp.com', 'mcsv.net', 'rsgsv.net', 'mcdlv.net'], doc: 'parsedmarc', services: ['Intuit Mailchimp'] },
      { names: ['mandrillapp.com'], doc: 'parsedmarc', services: ['Mailchimp Transactional'] },
    ],
    networks: [{ from: 'msip', files: ['MailChimp/list/IPv4'] }, unionPick(['148.105.0.0/16'])],
  },
  {
    id: 'salesforce',
    name: 'Salesforce / Marketing Cloud',
    domains: [
      { names: ['salesforce.com'], doc: 'parsedmarc', services: ['Salesforce'] },
      { names: ['exacttarget.com', 'exactt.com'], doc: 'parsedmarc', services: ['Salesforce Marketing Cloud (Formerly ExactTarget)'] },
      { names: ['pd25.com'], doc: 'parsedmarc', services: ['Salesforce Marketing Cloud (Formerly Pardot)'] },
    ],
    networks: [],
    notes: [
      {
        text: 'no range source found; demandware.net (Commerce Cloud storefronts) is left out',
        source: `blankcode/msipdelta2 (watched _spf.salesforce.com; no list in its snapshot); ${PARSEDMARC} (demandware.net: Commerce Cloud)`,
        date: '2021-07-15; 2026-07-16',
      },
    ],
  },
  {
    id: 'gmx',
    name: 'GMX / WEB.DE',
    domains: [
      { names: ['gmx.net', 'gmx.com'], doc: 'parsedmarc', services: ['GMX'] },
      { names: ['web.de'], doc: 'parsedmarc', services: ['Web.de'] },
    ],
    networks: [unionPick(['212.227.17.0/27', '212.227.126.128/25', '212.227.15.0/25', '82.165.159.0/26'])],
    notes: [
      {
        text: 'IONOS and 1&1 (ionos.*, 1und1.net, kundenserver.de) are left out: hosting and access customers live under those names, and parsedmarc ties kundenserver.de to another company',
        source: PARSEDMARC,
        date: '2026-07-16',
      },
    ],
  },
  {
    id: 'messagelabs',
    name: 'MessageLabs',
    domains: [{ names: ['messagelabs.com'], doc: 'SOURCES.md', why: 'the domain of its SPF record spf.messagelabs.com', source: 'blankcode/msipdelta2 README @79fd76dd4ff3', date: '2021-07-15', quote: '79fd76dd4ff3 (2021-07-15)' }],
    networks: [{ from: 'msip', files: ['MessageLabs/list/IPv4'] }],
    notes: [{ text: 'known only from its SPF snapshot; no host family is documented, so the domain is the SPF record\'s', source: 'blankcode/msipdelta2 README @79fd76dd4ff3', date: '2021-07-15' }],
  },
];
