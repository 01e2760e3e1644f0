import { describe, expect, it } from 'vitest';
import { analyzeText } from '../index';
import { createNodeElk } from '../layout/node-elk';
import { getPreset } from '../presets';
import { exportBaseName, exportTable } from './exports';
import { analysisToSvg, escapeXml, renderGraphSvg } from './svg';
import { checkXml } from './xml-check';

const HOSTILE = `name: "evil <net>"
input: "data"
input_shape { dim: 1 dim: 3 dim: 8 dim: 8 }
layer { name: "<script>alert(1)</script>" type: "Convolution" bottom: "data" top: "c1"
  convolution_param { num_output: 4 kernel_size: 3 } }
layer { name: "a&b \\"quoted\\" 'x' ]]> <!-- -->" type: "ReLU" bottom: "c1" top: "c1" }
layer { name: "x,y|z\\nnewline" type: "Pooling" bottom: "c1" top: "p"
  pooling_param { pool: MAX kernel_size: 2 stride: 2 } }
`;

/** Minimal RFC 4180 CSV reader for the round trip. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endCell();
    else if (c === '\n') {
      endCell();
      rows.push(row);
      row = [];
    } else cell += c;
  }
  if (cell || row.length) {
    endCell();
    rows.push(row);
  }
  return rows;
}

describe('SVG export', () => {
  it('escapes the five XML specials and drops control characters', () => {
    expect(escapeXml(`<a href="x">'&'</a>\u0001`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });

  it('GoogLeNet: well-formed XML with every layer name as text', async () => {
    const analysis = analyzeText(getPreset('googlenet')!.text);
    const svg = await analysisToSvg(analysis, createNodeElk());
    const xml = checkXml(svg);
    if (!xml.ok) throw new Error(xml.error);
    const text = xml.texts.join('\n');
    for (const l of analysis.layers) expect(text).toContain(l.name);
    expect(svg).toMatch(
      /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+" height="\d+"/,
    );
    // 1 input + every layer that is not folded into its producer as a badge.
    expect((svg.match(/<g class="node"/g) ?? []).length).toBe(analysis.layers.filter((l) => !l.inPlace).length);
  });

  it('hostile layer names stay text: no script element, no broken markup', async () => {
    const analysis = analyzeText(HOSTILE);
    const svg = await analysisToSvg(analysis, createNodeElk(), { theme: 'dark', footer: ['removed: <b>&'] });
    const xml = checkXml(svg);
    if (!xml.ok) throw new Error(xml.error);
    expect(svg).not.toMatch(/<script/i);
    const text = xml.texts.join('\n');
    for (const l of analysis.layers) expect(text).toContain(l.name);
    expect(text).toContain('removed: <b>&');
    expect(text).toContain('evil <net>');
  });

  it('the checker itself rejects malformed or unsafe documents', () => {
    expect(checkXml('<svg><g></svg>').ok).toBe(false);
    expect(checkXml('<svg><text>a & b</text></svg>').ok).toBe(false);
    expect(checkXml('<svg><script>x</script></svg>').ok).toBe(false);
    expect(checkXml('<svg onload="x()"></svg>').ok).toBe(false);
    expect(checkXml('<svg a="1" a="2"/>').ok).toBe(false);
    expect(checkXml('<svg/><svg/>').ok).toBe(false);
    expect(checkXml('<svg><text>a &amp; &#60;b&#x3e;</text></svg>')).toEqual({
      ok: true,
      texts: ['a & <b>'],
      elements: 2,
    });
  });

  it('an empty graph still renders a valid document', () => {
    const svg = renderGraphSvg({ nodes: [], edges: [], width: 0, height: 0, nodeOfLayer: new Map() });
    expect(checkXml(svg).ok).toBe(true);
  });
});

describe('table exports parse back', () => {
  const analysis = analyzeText(HOSTILE);

  it('CSV: one row per layer plus header and TOTAL, names intact', () => {
    const f = exportTable(analysis, 'csv');
    expect(f.filename).toBe('evil_net.layers.csv');
    const rows = parseCsv(f.content);
    expect(rows[0]).toEqual([
      'name',
      'type',
      'bottoms',
      'tops',
      'output_shapes',
      'params',
      'buffers',
      'macs',
      'flops',
      'activation_bytes',
      'weight_bytes',
    ]);
    expect(rows.slice(1, -1).map((r) => r[0])).toEqual(analysis.layers.map((l) => l.name));
    const conv = rows.find((r) => r[0] === '<script>alert(1)</script>')!;
    expect(conv[4]).toBe('1x4x6x6');
    expect(Number(conv[5])).toBe(4 * 3 * 9 + 4);
    expect(Number(conv[7])).toBe(4 * 36 * 27);
    expect(rows.at(-1)?.[0]).toBe('TOTAL');
    expect(Number(rows.at(-1)?.[7])).toBe(analysis.totals.macs);
  });

  it('Markdown: a table row per layer with the same columns', () => {
    const f = exportTable(analysis, 'md');
    const rows = f.content
      .split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| total') && !l.startsWith('| layer'))
      .map((l) =>
        l
          .slice(2, -2)
          .split(/(?<!\\) \| /)
          .map((c) => c.replace(/\\\|/g, '|').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/\\\\/g, '\\')),
      );
    const layerRows = rows.filter((r) => r.length === 7 && !r[0]!.startsWith('**'));
    expect(layerRows.map((r) => r[0])).toEqual(analysis.layers.map((l) => l.name.replace(/\n/g, ' ')));
    const conv = layerRows.find((r) => r[0] === '<script>alert(1)</script>')!;
    expect(conv[4]!.replace(/,/g, '')).toBe(String(4 * 36 * 27));
  });

  it('JSON: the CLI report shape', () => {
    const f = exportTable(analysis, 'json');
    const json = JSON.parse(f.content);
    expect(json.name).toBe('evil <net>');
    expect(json.layers.map((l: { name: string }) => l.name)).toEqual(analysis.layers.map((l) => l.name));
    expect(json.totals.macs).toBe(analysis.totals.macs);
    expect(f.mime).toBe('application/json');
  });

  it('file names are safe', () => {
    expect(exportBaseName('ResNet-50')).toBe('ResNet-50');
    expect(exportBaseName('../../etc/passwd')).toBe('etc_passwd');
    expect(exportBaseName('')).toBe('model');
  });
});
