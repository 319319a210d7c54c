/**
 * A small, strict XML 1.0 reader for the tests of `--reporter junit`: it accepts exactly well-formed
 * documents made of a declaration, elements, attributes (quoted, unique), character data and the five
 * predefined entities (plus numeric references), and throws on anything else — so a test that parses
 * the report also proves the report is XML a CI server can read.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_][\w.-]*/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, where: number): string {
  if (/[<]/.test(raw)) throw new Error(`'<' in text or attribute at ${where}`);
  return raw.replace(/&([^;]*);?/g, (all, name: string) => {
    if (!all.endsWith(';')) throw new Error(`unterminated entity at ${where}`);
    if (name in ENTITIES) return ENTITIES[name]!;
    const m = /^#(x[0-9a-fA-F]+|\d+)$/.exec(name);
    if (!m) throw new Error(`unknown entity &${name}; at ${where}`);
    return String.fromCodePoint(m[1]!.startsWith('x') ? parseInt(m[1]!.slice(1), 16) : Number(m[1]));
  });
}

export function parseXml(doc: string): XmlElement {
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`not well-formed XML at offset ${i}: ${why}: ${JSON.stringify(doc.slice(i, i + 40))}`);
  };
  if (/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.test(doc)) fail('a character XML forbids');
  const decl = /^<\?xml version="1\.0" encoding="UTF-8"\?>\s*/.exec(doc);
  if (!decl) fail('no XML declaration');
  i = decl![0].length;

  const element = (): XmlElement => {
    if (doc[i] !== '<') fail('expected <');
    i++;
    const name = NAME.exec(doc.slice(i))?.[0] ?? fail('element name');
    i += name.length;
    const attrs: Record<string, string> = {};
    for (;;) {
      const ws = /^\s*/.exec(doc.slice(i))![0];
      i += ws.length;
      if (doc.startsWith('/>', i)) {
        i += 2;
        return { name, attrs, children: [], text: '' };
      }
      if (doc[i] === '>') {
        i++;
        break;
      }
      if (ws.length === 0) fail('attributes must be separated by white space');
      const m = /^([A-Za-z_][\w.:-]*)="([^"]*)"/.exec(doc.slice(i)) ?? fail('attribute');
      if (m[1]! in attrs) fail(`attribute ${m[1]} twice`);
      attrs[m[1]!] = decode(m[2]!, i);
      i += m[0].length;
    }
    const children: XmlElement[] = [];
    let text = '';
    for (;;) {
      const lt = doc.indexOf('<', i);
      if (lt < 0) fail(`</${name}> missing`);
      text += decode(doc.slice(i, lt), i);
      i = lt;
      if (doc.startsWith('</', i)) {
        const close = `</${name}>`;
        if (!doc.startsWith(close, i)) fail(`expected ${close}`);
        i += close.length;
        return { name, attrs, children, text };
      }
      children.push(element());
    }
  };
  const root = element();
  if (doc.slice(i).trim() !== '') fail('content after the root element');
  return root;
}
