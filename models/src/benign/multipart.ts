import type { MultipartPart } from '../draft.js';
import type { GenContext } from './gen-context.js';
import { alnum, hex } from './tokens.js';

const FILE_NAMES: ReadonlyArray<readonly [string, string]> = [
  ['IMG_{n}.jpg', 'image/jpeg'],
  ['IMG_{n}.HEIC', 'image/heic'],
  ['Screenshot 2024-0{m}-1{d} at 10.{n2}.{n2}.png', 'image/png'],
  ['photo ({d}).jpg', 'image/jpeg'],
  ['avatar.png', 'image/png'],
  ['CV_{name}_{y}.pdf', 'application/pdf'],
  ['invoice-{n}.pdf', 'application/pdf'],
  ['Rechnung_{n}.pdf', 'application/pdf'],
  ['résumé final v2.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['Budget {y} (draft).xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ['export_{n}.csv', 'text/csv'],
  ['notes.txt', 'text/plain'],
  ['logo.svg', 'image/svg+xml'],
  ['archive-{y}.zip', 'application/zip'],
  ['レシート.jpg', 'image/jpeg'],
  ['договор.pdf', 'application/pdf'],
  ['scan0001.tif', 'image/tiff'],
  ['my_song.mp3', 'audio/mpeg'],
  ['video-{n}.mp4', 'video/mp4'],
];

function fileName(ctx: GenContext): readonly [string, string] {
  const { rng } = ctx;
  const [template, type] = rng.pick(FILE_NAMES);
  const name = template
    .replace('{n}', String(rng.int(1000, 9999)))
    .replace(/\{n2\}/g, String(rng.int(10, 59)))
    .replace('{m}', String(rng.int(1, 9)))
    .replace('{d}', String(rng.int(1, 9)))
    .replace('{y}', String(rng.int(2019, 2025)))
    .replace('{name}', ctx.fakers.get('en').person.lastName());
  return [name, type];
}

/** File content placeholder: printable stand-ins for binary data (bytes do not matter to the model). */
function fileContent(type: string, ctx: GenContext): string {
  if (type === 'text/plain') return ctx.text('note');
  if (type === 'text/csv')
    return `id,name,amount\n1,${ctx.fakers.get('en').person.lastName()},${ctx.rng.int(1, 999)}\n2,${ctx.fakers.get('en').person.lastName()},${ctx.rng.int(1, 999)}`;
  if (type === 'image/svg+xml')
    return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="${ctx.rng.int(4, 11)}" fill="#${hex(ctx.rng, 6)}"/></svg>`;
  if (type === 'application/pdf')
    return `%PDF-1.${ctx.rng.int(3, 7)}\n%âãÏÓ\n1 0 obj <</Type /Catalog>> endobj`;
  if (type.startsWith('image/'))
    return type === 'image/png' ? '\u0089PNG\r\n\u001a\n…' : 'ÿØÿà\u0000\u0010JFIF…';
  return `PK\u0003\u0004…${alnum(ctx.rng, 12)}`;
}

/** A multipart upload: one file plus ordinary text fields (caption, description, folder). */
export function multipartParts(ctx: GenContext): MultipartPart[] {
  const { rng } = ctx;
  const [name, type] = fileName(ctx);
  const parts: MultipartPart[] = [];
  if (rng.chance(0.4)) parts.push({ name: rng.pick(['_token', 'csrf_token']), content: alnum(rng, 40) });
  parts.push({
    name: rng.pick(['file', 'upload', 'avatar', 'attachment', 'document', 'image', 'files[]']),
    filename: name,
    contentType: type,
    content: fileContent(type, ctx),
  });
  if (rng.chance(0.7))
    parts.push({
      name: rng.pick(['caption', 'description', 'title', 'comment', 'alt']),
      content: ctx.text(rng.pick(['title', 'comment', 'note'])),
    });
  if (rng.chance(0.4))
    parts.push({
      name: rng.pick(['folder', 'album', 'category']),
      content: rng.pick(['Holiday 2024', 'receipts', 'avatars', 'Projekte/Q3', 'misc']),
    });
  if (rng.chance(0.3)) parts.push({ name: 'visibility', content: rng.pick(['public', 'private', 'team']) });
  return parts;
}

/** A multipart boundary in browser style. */
export function boundary(ctx: GenContext): string {
  return ctx.rng.weighted<string>([
    [`----WebKitFormBoundary${alnum(ctx.rng, 16)}`, 3],
    [`---------------------------${ctx.rng.int(1e9, 2e9)}${ctx.rng.int(1e9, 2e9)}`, 1],
    [`--------------------------${hex(ctx.rng, 24)}`, 1],
  ]);
}
