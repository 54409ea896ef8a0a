// Keeps the rooms livable: no source file over 500 lines and no function over 120 lines in the
// layered folders (electron/, renderer/, shared/). Prints the biggest files and functions either
// way, so a room that is growing shows before it breaks the rule. Exits 1 on a breach.
//   node scripts/check-sizes.mjs [--top N]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FOLDERS = ['electron', 'renderer', 'shared'];
const MAX_FILE_LINES = 500;
const MAX_FUNCTION_LINES = 120;
// Generators of sample data and fixtures: long by nature (page texts, sample documents).
const EXEMPT = [/\/sampleDocs\.ts$/, /\/fixtures\//, /\/demo\/samples?[^/]*\.ts$/];

const topArg = process.argv.indexOf('--top');
const TOP = topArg > 0 ? Number(process.argv[topArg + 1]) : 8;

function sourceFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(ts|tsx|mts|cts|mjs|cjs)$/.test(name) && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

function lineOf(sf, pos) {
  return sf.getLineAndCharacterOfPosition(pos).line + 1;
}

function functionName(node) {
  if (node.name && ts.isIdentifier(node.name)) return node.name.text;
  if (node.name && ts.isStringLiteral(node.name)) return node.name.text;
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name))
    return parent.name.text;
  if (parent && ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name))
    return parent.name.text;
  return '(anonymous)';
}

function functionsOf(sf) {
  const found = [];
  const visit = (node) => {
    if (
      (ts.isFunctionDeclaration(node) ||
        ts.isFunctionExpression(node) ||
        ts.isArrowFunction(node) ||
        ts.isMethodDeclaration(node) ||
        ts.isConstructorDeclaration(node) ||
        ts.isGetAccessorDeclaration(node) ||
        ts.isSetAccessorDeclaration(node)) &&
      node.body
    ) {
      const start = lineOf(sf, node.getStart(sf));
      const end = lineOf(sf, node.end);
      found.push({ name: functionName(node), line: start, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

const files = [];
const functions = [];
for (const folder of FOLDERS) {
  for (const full of sourceFiles(path.join(root, folder))) {
    const rel = path.relative(root, full).split(path.sep).join('/');
    if (EXEMPT.some((re) => re.test(`/${rel}`))) continue;
    const text = readFileSync(full, 'utf8');
    const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    files.push({ file: rel, lines });
    const kind = full.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
    const sf = ts.createSourceFile(full, text, ts.ScriptTarget.Latest, true, kind);
    for (const fn of functionsOf(sf)) functions.push({ file: rel, ...fn });
  }
}

files.sort((a, b) => b.lines - a.lines);
functions.sort((a, b) => b.lines - a.lines);
const bigFiles = files.filter((f) => f.lines > MAX_FILE_LINES);
const bigFunctions = functions.filter((f) => f.lines > MAX_FUNCTION_LINES);

console.log(`Biggest files (limit ${MAX_FILE_LINES} lines):`);
for (const f of files.slice(0, Math.max(TOP, bigFiles.length)))
  console.log(
    `  ${String(f.lines).padStart(5)}  ${f.file}${f.lines > MAX_FILE_LINES ? '  <-- over' : ''}`,
  );
console.log(`Biggest functions (limit ${MAX_FUNCTION_LINES} lines):`);
for (const f of functions.slice(0, Math.max(TOP, bigFunctions.length)))
  console.log(
    `  ${String(f.lines).padStart(5)}  ${f.file}:${f.line} ${f.name}${f.lines > MAX_FUNCTION_LINES ? '  <-- over' : ''}`,
  );

if (bigFiles.length || bigFunctions.length) {
  console.error(
    `check-sizes: ${bigFiles.length} file(s) over ${MAX_FILE_LINES} lines, ` +
      `${bigFunctions.length} function(s) over ${MAX_FUNCTION_LINES} lines`,
  );
  process.exit(1);
}
console.log('check-sizes: every file and function is within its limit');
