// One run of simcc as a whole process whose --json document the bench reads (bench/run.js's
// timeProcess). Resolves { r, doc }, or undefined after reporting through `fail` when stdout is not
// one JSON document or, unless `mustPass` is false, when the verdict is not "pass".
export async function simccJson({ timeProcess, fail }, label, args, env = {}, { mustPass = true } = {}) {
  const r = await timeProcess(args, env);
  let doc;
  try {
    doc = JSON.parse(r.stdout);
  } catch {
    doc = undefined;
  }
  if (!doc || (mustPass && (r.code !== 0 || doc.verdict !== 'pass'))) {
    fail(label, args, r, doc ? `verdict ${doc.verdict}, exit ${r.code}` : `exit ${r.code}; stdout is not one JSON document`);
    return undefined;
  }
  return { r, doc };
}
