import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  escapeAttr,
  escapeText,
  NOT_XML_CHAR,
  parseXml,
  XML_NAMESPACE,
  XmlSyntaxError,
  xmlAttr,
} from "./xml.ts";

const syntaxError = (xml: string): XmlSyntaxError => {
  try {
    parseXml(xml);
  } catch (err) {
    expect(err).toBeInstanceOf(XmlSyntaxError);
    return err as XmlSyntaxError;
  }
  throw new Error("parsed");
};

describe("parseXml", () => {
  it("gives back any XML text escaped as text or as an attribute value", () => {
    const xmlText = fc
      .string({ unit: "binary" })
      .map((s) => [...s].filter((c) => !NOT_XML_CHAR.test(c)).join(""));
    fc.assert(
      fc.property(xmlText, (s) => {
        const el = parseXml(`<a b="${escapeAttr(s)}">${escapeText(s)}</a>`);
        expect(el.attrs.get("b")).toBe(s);
        expect(el.children.join("")).toBe(s);
      }),
      { numRuns: 500 },
    );
  });

  it("resolves namespaces of elements and attributes", () => {
    const el = parseXml(
      '<x:a xmlns:x="urn:x" xmlns="urn:d" x:k="1" k="2" xml:lang="km"><b/><x:c xmlns:x="urn:y"/><e xmlns=""/></x:a>',
    );
    expect([el.ns, el.name]).toEqual(["urn:x", "a"]);
    expect(Object.fromEntries(el.attrs)).toEqual({
      "{urn:x}k": "1",
      k: "2",
      [`{${XML_NAMESPACE}}lang`]: "km",
    });
    expect(el.attrs.get(xmlAttr("lang"))).toBe("km");
    const kids = el.children.filter((c) => typeof c !== "string");
    expect(kids.map((k) => [k.ns, k.name])).toEqual([
      ["urn:d", "b"],
      ["urn:y", "c"],
      ["", "e"],
    ]);
    expect(syntaxError("<p:a/>").message).toMatch(/prefix p is not declared/);
  });

  it("normalizes line ends in text and white space in attributes as XML says", () => {
    const el = parseXml('<a t="x\ty\r\nz&#x9;&#xA;">1\r\n2\r3&#xD;4</a>');
    expect(el.attrs.get("t")).toBe("x y z\t\n");
    expect(el.children.join("")).toBe("1\n2\n3\r4");
  });

  it("keeps CDATA as text and leaves comments and processing instructions out", () => {
    const el = parseXml(
      "<?xml version='1.0'?><!--c--><a>x<![CDATA[<&>]]><!-- y --><?pi z?>w</a><!--after-->",
    );
    expect(el.children.join("")).toBe("x<&>w");
  });

  it("refuses what is not well-formed, with its line and column", () => {
    expect(syntaxError("<a>\n  <b>\n</a>").message).toBe("line 3, column 1: </a> closes <b> (line 2)");
    expect(syntaxError("<a/><b/>").message).toMatch(/only comments and processing instructions may follow/);
    expect(syntaxError("<a>x").message).toMatch(/<a> is not closed/);
    expect(syntaxError('<a b="1" b="2"/>').message).toMatch(/b is given twice/);
    expect(syntaxError("<a>]]></a>").message).toMatch(/"]]>" is not allowed/);
    expect(syntaxError("<a>&</a>").message).toMatch(/must start a reference/);
    expect(syntaxError("<a>&#0;</a>").message).toMatch(/not a character XML allows/);
    expect(syntaxError("<a>\u0001</a>").message).toMatch(/U\+0001 is not a character XML allows/);
    expect(syntaxError("text").message).toMatch(/root element/);
    expect(syntaxError('<?xml version="1.0" encoding="ISO-8859-1"?><a/>').message).toMatch(/UTF-8/);
  });

  it("refuses a DOCTYPE and any entity but the five predefined ones", () => {
    expect(syntaxError('<!DOCTYPE a SYSTEM "http://example.org/a.dtd"><a/>').message).toMatch(
      /DOCTYPE.*refused/,
    );
    expect(syntaxError('<a><!ENTITY x "y"></a>').message).toMatch(/declaration is not allowed/);
    expect(syntaxError("<a>&nbsp;</a>").message).toMatch(/&nbsp; is not declared/);
  });

  it("reads deeply nested documents without running out of stack", () => {
    const depth = 100_000;
    const el = parseXml(`${"<a>".repeat(depth)}x${"</a>".repeat(depth)}`);
    let d = 1;
    for (let e = el; e.children[0] && typeof e.children[0] !== "string"; e = e.children[0]) d++;
    expect(d).toBe(depth);
  });
});
