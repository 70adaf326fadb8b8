/** The form fields of a PDF (AcroForm), as far as signing and verifying need them. */
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFRef, PDFString, type PDFContext, type PDFObject } from 'pdf-lib';

export interface FieldInfo {
  ref: PDFRef | null;
  dict: PDFDict;
  /** The fully qualified name ("parent.child"). */
  name: string;
  /** /FT, inherited from the parents. */
  type: string | null;
  /** /V, resolved. */
  value: PDFObject | undefined;
  valueRef: PDFRef | null;
}

export function textOf(obj: PDFObject | undefined): string | null {
  if (obj instanceof PDFString || obj instanceof PDFHexString) return obj.decodeText().normalize('NFC');
  return null;
}

/** Every terminal field of the AcroForm, depth first, in the order of /Fields. */
export function formFields(context: PDFContext, catalog: PDFDict): FieldInfo[] {
  const acroForm = context.lookup(catalog.get(PDFName.of('AcroForm')));
  if (!(acroForm instanceof PDFDict)) return [];
  const out: FieldInfo[] = [];
  const seen = new Set<string>();
  const walk = (node: PDFObject | undefined, parentName: string, parentType: string | null, depth: number): void => {
    if (depth > 32) return;
    const ref = node instanceof PDFRef ? node : null;
    if (ref) {
      if (seen.has(ref.tag)) return;
      seen.add(ref.tag);
    }
    const dict = context.lookup(node);
    if (!(dict instanceof PDFDict)) return;
    const partial = textOf(context.lookup(dict.get(PDFName.of('T'))));
    const name = partial === null ? parentName : parentName ? `${parentName}.${partial}` : partial;
    const ft = context.lookup(dict.get(PDFName.of('FT')));
    const type = ft instanceof PDFName ? ft.decodeText() : parentType;
    const kids = context.lookup(dict.get(PDFName.of('Kids')));
    // Kids that have a /T are fields; kids without are the field's widgets.
    const fieldKids = kids instanceof PDFArray ? kids.asArray().filter((k) => {
      const d = context.lookup(k);
      return d instanceof PDFDict && d.has(PDFName.of('T'));
    }) : [];
    if (fieldKids.length > 0) {
      for (const k of fieldKids) walk(k, name, type, depth + 1);
      return;
    }
    const v = dict.get(PDFName.of('V'));
    out.push({ ref, dict, name, type, value: context.lookup(v), valueRef: v instanceof PDFRef ? v : null });
  };
  const fields = context.lookup(acroForm.get(PDFName.of('Fields')));
  if (fields instanceof PDFArray) for (const f of fields.asArray()) walk(f, '', null, 0);
  return out;
}
