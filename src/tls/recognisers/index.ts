/**
 * The ordered recogniser registry. Order matters for comments: the first recogniser that reads a comment claims it
 * (vendor-specific key=value readers before sendmail's generic one; OpenSMTPD's 4-field word before Exim's
 * 3-field one; Postfix's `using … with cipher` before the other `using …` forms).
 * @module
 */
import type { TlsRecogniser } from '../view.js';
import { cellopoint } from './cellopoint.js';
import { communigate } from './communigate.js';
import { coremail } from './coremail.js';
import { courier } from './courier.js';
import { exim } from './exim.js';
import { gmail } from './gmail.js';
import { haraka } from './haraka.js';
import { ironport } from './ironport.js';
import { microsoft } from './microsoft.js';
import { mox } from './mox.js';
import { netmail } from './netmail.js';
import { usingTlsList } from './using-tls-list.js';
import { opensmtpd } from './opensmtpd.js';
import { postfix } from './postfix.js';
import { protocolKeyword } from './protocol-keyword.js';
import { qmail } from './qmail.js';
import { sendmail } from './sendmail.js';
import { starttls } from './starttls.js';
import { tonline } from './tonline.js';

/** Every TLS dialect we read, in claim order; `protocol-keyword` last (its findings only count when nothing else speaks). */
export const TLS_RECOGNISERS: readonly TlsRecogniser[] = Object.freeze([
  postfix,
  usingTlsList,
  starttls,
  microsoft,
  netmail,
  gmail,
  haraka,
  sendmail,
  opensmtpd,
  exim,
  courier,
  qmail,
  tonline,
  cellopoint,
  mox,
  coremail,
  ironport,
  communigate,
  protocolKeyword,
]);
