import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from './csv.js';

describe('CSV (RFC 4180)', () => {
  it('leaves plain cells alone', () => {
    expect(csvRow(['line', 'ip', 3, 0.5, true])).toBe('line,ip,3,0.5,true');
  });

  it('quotes commas, quotes, CR and LF, doubling quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
    expect(csvCell("1' or 1=1--")).toBe("1' or 1=1--");
  });

  it('writes null and undefined as empty cells', () => {
    expect(csvRow([1, null, undefined, 'x'])).toBe('1,,,x');
  });

  it('defuses spreadsheet formulas in text, not in numbers', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-1)).toBe('-1');
  });

  it('round-trips through a strict reader', () => {
    const cells = ['a,b', 'say "hi"', 'x\ny', 'plain'];
    const line = csvRow(cells);
    // A minimal RFC 4180 reader for one record.
    const parsed: string[] = [];
    let i = 0;
    while (i <= line.length) {
      if (line[i] === '"') {
        let cell = '';
        i++;
        for (;;) {
          if (line[i] === '"' && line[i + 1] === '"') {
            cell += '"';
            i += 2;
          } else if (line[i] === '"') {
            i++;
            break;
          } else cell += line[i++];
        }
        parsed.push(cell);
        i++;
      } else {
        const end = line.indexOf(',', i) < 0 ? line.length : line.indexOf(',', i);
        parsed.push(line.slice(i, end));
        i = end + 1;
      }
    }
    expect(parsed).toEqual(cells);
  });
});
