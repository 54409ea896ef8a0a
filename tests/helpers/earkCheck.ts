// Checks an unzipped E-ARK SIP against the CSIP/SIP requirements one can state as rules, reading
// the METS with an XML parser (not the desk's writer); the XML schemas themselves are checked by
// xmllint in the test. Follows the package METS into each representation's METS. Returns the
// failures by requirement ID; an empty list means every checked rule holds.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';

type Node = Record<string, unknown>;
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: false,
  isArray: (name) => ['file', 'fileGrp', 'dmdSec', 'agent', 'div', 'fptr', 'mptr'].includes(name),
});

const ISO_VN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/;

function listFiles(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory()
      ? listFiles(p, base)
      : [path.relative(base, p).split(path.sep).join('/')];
  });
}

function checkReferenced(
  root: string,
  href: string,
  attrs: Node,
  id: string,
  fail: (id: string, why: string) => void,
) {
  const p = path.join(root, ...href.split('/'));
  if (!fs.existsSync(p)) return fail(id, `${href} is missing`);
  const bytes = fs.readFileSync(p);
  if (attrs['@CHECKSUMTYPE'] !== 'SHA-256') fail(id, `${href}: CHECKSUMTYPE`);
  if (createHash('sha256').update(bytes).digest('hex') !== attrs['@CHECKSUM'])
    fail(id, `${href}: checksum differs`);
  if (Number(attrs['@SIZE']) !== bytes.length) fail(id, `${href}: SIZE differs`);
  if (!ISO_VN.test(String(attrs['@CREATED']))) fail(id, `${href}: CREATED not ISO 8601 +07:00`);
  if (!attrs['@MIMETYPE']) fail(id, `${href}: MIMETYPE`);
}

type Fail = (id: string, why: string) => void;

function checkHeader(mets: Node, objid: string, fail: Fail) {
  if (mets['@xmlns'] !== 'http://www.loc.gov/METS/') fail('METS', 'namespace');
  if (mets['@OBJID'] !== objid) fail('CSIP1', `OBJID is ${objid}`);
  if (!mets['@TYPE']) fail('CSIP2', 'TYPE');
  if (!mets['@csip:CONTENTINFORMATIONTYPE']) fail('CSIP4', 'CONTENTINFORMATIONTYPE');
  if (typeof mets['@PROFILE'] !== 'string' || !mets['@PROFILE'].includes('E-ARK-SIP'))
    fail('CSIP6', 'PROFILE names the E-ARK SIP profile');
  const hdr = mets.metsHdr as Node | undefined;
  if (!hdr) return fail('CSIP7', 'metsHdr');
  if (!ISO_VN.test(String(hdr['@CREATEDATE']))) fail('CSIP7', 'CREATEDATE');
  if (hdr['@csip:OAISPACKAGETYPE'] !== 'SIP') fail('CSIP9', 'OAISPACKAGETYPE');
  const agents = (hdr.agent as Node[] | undefined) ?? [];
  const software = agents.find(
    (a) => a['@ROLE'] === 'CREATOR' && a['@TYPE'] === 'OTHER' && a['@OTHERTYPE'] === 'SOFTWARE',
  );
  if (!software) fail('CSIP10-13', 'creating software agent');
  else if (!software.name || (software.note as Node)?.['@csip:NOTETYPE'] !== 'SOFTWARE VERSION')
    fail('CSIP14-16', 'software name and version note');
}

/** The METS's file groups by USE; every file checked, listed paths (from the package root) added. */
function checkFileSec(root: string, base: string, mets: Node, listed: Set<string>, fail: Fail) {
  const fileSec = mets.fileSec as Node | undefined;
  if (!fileSec?.['@ID']) fail('CSIP59', `${base || '.'}: fileSec with an ID`);
  const grps = (fileSec?.fileGrp as Node[] | undefined) ?? [];
  const byUse = new Map<string, Node>();
  for (const g of grps) {
    if (!g['@USE'] || !g['@ID']) fail('CSIP64-65', 'fileGrp USE and ID');
    byUse.set(String(g['@USE']), g);
    const files = (g.file as Node[] | undefined) ?? [];
    if (files.length === 0) fail('CSIP66', 'file group without files');
    for (const f of files) {
      const loc = f.FLocat as Node;
      if (!f['@ID']) fail('CSIP67', 'file ID');
      if (loc['@LOCTYPE'] !== 'URL' || loc['@xlink:type'] !== 'simple') fail('CSIP77-78', 'FLocat');
      const href = path.posix.join(base, String(loc['@xlink:href']));
      listed.add(href);
      checkReferenced(root, href, f, 'CSIP68-72', fail);
    }
  }
  return byUse;
}

function checkStructMap(mets: Node, labels: readonly string[], where: string, fail: Fail) {
  const map = mets.structMap as Node | undefined;
  if (!map || map['@TYPE'] !== 'PHYSICAL' || map['@LABEL'] !== 'CSIP')
    return fail('CSIP structMap', `${where}: PHYSICAL, labelled CSIP`);
  const divs = (((map.div as Node[])[0]?.div as Node[] | undefined) ?? []).map((d) =>
    String(d['@LABEL']),
  );
  for (const l of labels)
    if (!divs.includes(l)) fail('CSIP structMap', `${where}: no div labelled ${l}`);
}

const parseMets = (file: string) =>
  (parser.parse(fs.readFileSync(file, 'utf8')) as Node).mets as Node;

function checkRepresentation(root: string, rep: string, listed: Set<string>, fail: Fail) {
  const metsFile = path.join(root, rep, 'METS.xml');
  if (!fs.existsSync(metsFile)) return fail('CSIP114', `${rep}/METS.xml missing`);
  const mets = parseMets(metsFile);
  checkHeader(mets, `${path.basename(root)}/${path.posix.basename(rep)}`, fail);
  const groups = checkFileSec(root, rep, mets, listed, fail);
  if (!groups.has('Data')) fail('CSIP114', `${rep}: Data file group`);
  checkStructMap(mets, ['Data'], rep, fail);
}

export function checkEarkSip(root: string): string[] {
  const failures: string[] = [];
  const fail: Fail = (id, why) => failures.push(`${id}: ${why}`);
  const metsPath = path.join(root, 'METS.xml');
  if (!fs.existsSync(metsPath)) return ['CSIP structure: METS.xml missing at the package root'];
  const mets = parseMets(metsPath);
  if (!mets) return ['METS: root element is not mets'];
  checkHeader(mets, path.basename(root), fail);
  const dmd = (mets.dmdSec as Node[] | undefined) ?? [];
  if (dmd.length === 0) fail('CSIP dmdSec', 'descriptive metadata section');
  for (const d of dmd) {
    if (d['@STATUS'] !== 'CURRENT') fail('CSIP dmdSec', `${String(d['@ID'])} STATUS`);
    const ref = d.mdRef as Node;
    if (ref['@LOCTYPE'] !== 'URL' || ref['@xlink:type'] !== 'simple')
      fail('CSIP dmdSec', 'mdRef LOCTYPE/xlink:type');
    checkReferenced(root, String(ref['@xlink:href']), ref, 'CSIP dmdSec mdRef', fail);
  }
  const listed = new Set<string>(dmd.map((d) => String((d.mdRef as Node)['@xlink:href'])));
  const groups = checkFileSec(root, '', mets, listed, fail);
  const present = listFiles(root).filter((p) => p !== 'METS.xml');
  const under = (dir: string) => present.filter((p) => p.startsWith(`${dir}/`));
  // The schemas folder holds every schema the XML needs and the Schemas group lists it.
  if (under('schemas').length === 0) fail('CSIP60', 'schemas/ folder with the XML schemas');
  if (under('schemas').length > 0 && !groups.has('Schemas')) fail('CSIP113', 'Schemas file group');
  if (under('documentation').length > 0 && !groups.has('Documentation'))
    fail('CSIP113', 'Documentation file group');
  const reps = [...groups.keys()].filter((u) => u.startsWith('Representations/'));
  if (reps.length === 0) fail('CSIP114', 'Representations file group');
  for (const use of reps) checkRepresentation(root, use.toLowerCase(), listed, fail);
  for (const p of present) if (!listed.has(p)) fail('CSIP79', `${p} is not in a fileSec`);
  if (!under('representations').every((p) => /^representations\/[^/]+\/(METS\.xml|data\/)/.test(p)))
    fail('CSIP structure', 'representation files under representations/<rep>/data/');
  const labels = ['Metadata', 'Schemas', ...reps];
  if (groups.has('Documentation')) labels.push('Documentation');
  checkStructMap(mets, labels, 'package', fail);
  return failures;
}
