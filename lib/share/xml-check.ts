/**
 * A small XML well-formedness checker for our own exports (tests and a runtime guard): tags
 * nest and close, attributes are quoted and unique, entities are the predefined five or
 * numeric, and nothing executable (script elements, on* attributes, javascript: URLs) is in
 * the document. Not a general XML parser: no DTDs, no CDATA, no processing instructions
 * other than the XML declaration.
 */

/** Result of the check: the text content of every text node when well-formed. */
export type XmlCheck = { ok: true; texts: string[]; elements: number } | { ok: false; error: string };

const NAME = /^[A-Za-z_][\w.:-]*$/;

const BARE_AMPERSAND = /&(?!(?:amp|lt|gt|quot|apos|#x[0-9a-fA-F]+|#\d+);)/;

function decodeEntities(s: string): string | null {
  if (BARE_AMPERSAND.test(s)) return null;
  let bad = false;
  const out = s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_m, e: string) => {
    if (e.startsWith('#')) {
      const cp = e.startsWith('#x') ? parseInt(e.slice(2), 16) : Number(e.slice(1));
      if (cp < 1 || cp > 0x10ffff) bad = true;
      return bad ? '' : String.fromCodePoint(cp);
    }
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e as 'amp'];
  });
  return bad ? null : out;
}

/** Checks `xml` and collects decoded text nodes. */
export function checkXml(xml: string): XmlCheck {
  const stack: string[] = [];
  const texts: string[] = [];
  let elements = 0;
  let i = xml.startsWith('<?xml') ? xml.indexOf('?>') + 2 : 0;
  if (i === 1) return { ok: false, error: 'unterminated XML declaration' };
  let rootSeen = false;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    if (text.trim()) {
      if (stack.length === 0) return { ok: false, error: `text outside the root element at ${i}` };
      const decoded = decodeEntities(text);
      if (decoded === null) return { ok: false, error: `bad entity in text at ${i}` };
      texts.push(decoded);
    }
    if (lt < 0) break;
    const gt = xml.indexOf('>', lt);
    if (gt < 0) return { ok: false, error: `unterminated tag at ${lt}` };
    const tag = xml.slice(lt + 1, gt);
    if (tag.startsWith('!--')) {
      const end = xml.indexOf('-->', lt);
      if (end < 0) return { ok: false, error: `unterminated comment at ${lt}` };
      i = end + 3;
      continue;
    }
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      const open = stack.pop();
      if (open !== name) return { ok: false, error: `</${name}> at ${lt} closes <${open ?? 'nothing'}>` };
      i = gt + 1;
      continue;
    }
    const selfClosing = tag.endsWith('/');
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const m = /^([^\s/>]+)([\s\S]*)$/.exec(body);
    if (!m || !NAME.test(m[1]!)) return { ok: false, error: `bad tag name at ${lt}` };
    const name = m[1]!;
    if (name.toLowerCase() === 'script' || name.toLowerCase() === 'foreignobject') {
      return { ok: false, error: `forbidden element <${name}> at ${lt}` };
    }
    if (stack.length === 0 && rootSeen) return { ok: false, error: `second root element <${name}> at ${lt}` };
    rootSeen = true;
    let rest = m[2]!;
    const seen = new Set<string>();
    while (rest.trim()) {
      const a = /^\s+([^\s=]+)\s*=\s*("([^"<]*)"|'([^'<]*)')/.exec(rest);
      if (!a) return { ok: false, error: `malformed attribute in <${name}> at ${lt}` };
      const attr = a[1]!;
      if (!NAME.test(attr) || seen.has(attr)) return { ok: false, error: `bad or repeated attribute ${attr} at ${lt}` };
      seen.add(attr);
      const value = decodeEntities(a[3] ?? a[4] ?? '');
      if (value === null) return { ok: false, error: `bad entity in attribute ${attr} at ${lt}` };
      if (/^on/i.test(attr)) return { ok: false, error: `event attribute ${attr} at ${lt}` };
      if (/^\s*javascript:/i.test(value)) return { ok: false, error: `javascript: URL in ${attr} at ${lt}` };
      rest = rest.slice(a[0].length);
    }
    elements++;
    if (!selfClosing) stack.push(name);
    i = gt + 1;
  }
  if (stack.length > 0) return { ok: false, error: `<${stack.at(-1)}> is never closed` };
  if (!rootSeen) return { ok: false, error: 'no root element' };
  return { ok: true, texts, elements };
}
