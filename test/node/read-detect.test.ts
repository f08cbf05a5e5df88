import { describe, expect, it } from 'vitest';
import { detectFormat, isFromLine } from '../../src/node/detect-format.js';

const bytes = (s: string): Buffer => Buffer.from(s, 'latin1');

describe('detectFormat (synthetic heads)', () => {
  it.each([
    ['', 'empty'],
    ['\u001f\u008b\u0008\u0000', 'gzip'],
    ['From MAILER-DAEMON Fri Jul  8 12:08:34 2011\nReturn-Path: <>\n', 'mbox'],
    ['\r\n\r\nFrom alice@example.org Mon Jan  6 09:15:02 2025\r\n', 'mbox'],
    ['From - Mon Jan 01 00:00:00 2001\n', 'mbox'],
    ['From alice@example.org\nSubject: no date on the envelope line\n', 'mbox'],
    ['Received: from mail.example.org by mx.example.net; Mon, 6 Jan 2025 09:15:02 +0000\n', 'message'],
    ['Return-Path: <a@example.org>\n', 'message'],
    ['Subject : obsolete space before the colon\n', 'message'],
    ['X-Spam_Flag: NO\n', 'message'],
    ['{"id":"00001","text":"From x"}', 'unknown'],
    ['<!DOCTYPE html>\n', 'unknown'],
    ['id,subject\n1,hi\n', 'unknown'],
    ['\n\nSubject: headers must start at byte 0\n', 'unknown'],
    ['From \n', 'unknown'],
    ['\u0000\u0000\u0000', 'unknown'],
  ])('%j → %s', (head, want) => {
    expect(detectFormat(bytes(head))).toBe(want);
  });
});

describe('isFromLine: a separator needs a sender and a time (RFC 4155 §2)', () => {
  it.each([
    ['From alice@example.org Mon Jan  6 09:15:02 2025', true],
    ['From 1590000000000000000@xxx Sat May 16 12:00:00 +0000 2020', true],
    ['From MAILER-DAEMON Fri Jul  8 12:08:34 2011\r', true],
    ['From home recordings to downloaded mp3s', false],
    ['From the desk of Alice, 9:15', false],
    ['From  12:30', false],
    ['from alice@example.org Mon Jan  6 09:15:02 2025', false],
    [`From ${'x'.repeat(2000)} 09:15:02`, false],
  ])('%j → %s', (line, want) => {
    const b = bytes(line);
    expect(isFromLine(b, 0, b.length)).toBe(want);
  });
});
