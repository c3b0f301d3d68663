// A source map's `mappings` (Source Map v3: Base64 VLQ, fields relative to the segment before)
// read as absolute positions and written back. Each generated line is a list of segments:
// [column] for generated code from no source, else [column, source, line, sourceColumn, name?].
const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUE = Object.fromEntries([...DIGITS].map((c, i) => [c, i]));

export function decodeMappings(mappings) {
  const at = [0, 0, 0, 0]; // source, line, sourceColumn, name: relative across lines
  return mappings.split(';').map((text) => {
    let column = 0; // relative within a line only
    return text
      .split(',')
      .filter(Boolean)
      .map((segment) => {
        const values = [];
        let value = 0;
        let shift = 0;
        for (const c of segment) {
          const digit = VALUE[c];
          value += (digit & 31) << shift;
          if (digit & 32) shift += 5;
          else {
            values.push(value & 1 ? -(value >>> 1) : value >>> 1);
            value = shift = 0;
          }
        }
        column += values[0];
        return [column, ...values.slice(1).map((v, i) => (at[i] += v))];
      });
  });
}

const vlq = (n) => {
  let value = n < 0 ? (-n << 1) | 1 : n << 1;
  let out = '';
  do {
    const digit = value & 31;
    value >>>= 5;
    out += DIGITS[value ? digit | 32 : digit];
  } while (value);
  return out;
};

export function encodeMappings(lines) {
  const at = [0, 0, 0, 0];
  return lines
    .map((segments) => {
      let column = 0;
      return segments
        .map(([col, ...rest]) => {
          const out = vlq(col - column) + rest.map((v, i) => vlq(v - at[i])).join('');
          column = col;
          rest.forEach((v, i) => (at[i] = v));
          return out;
        })
        .join(',');
    })
    .join(';');
}
