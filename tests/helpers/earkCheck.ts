// Checks an unzipped E-ARK SIP against the CSIP/SIP requirements the desk implements, reading the
// METS with an XML parser (not the desk's writer): the official METS, EAD3 and E-ARK XSDs are not
// installable here, so this checks the rules one can state without them. Returns the failures by
// requirement ID; an empty list means every checked rule holds.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';

type Node = Record<string, unknown>;
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: false,
  isArray: (name) => ['file', 'fileGrp', 'dmdSec', 'agent', 'div', 'fptr'].includes(name),
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

export function checkEarkSip(root: string): string[] {
  const failures: string[] = [];
  const fail = (id: string, why: string) => failures.push(`${id}: ${why}`);
  const metsPath = path.join(root, 'METS.xml');
  if (!fs.existsSync(metsPath)) return ['CSIP structure: METS.xml missing at the package root'];
  const mets = (parser.parse(fs.readFileSync(metsPath, 'utf8')) as Node).mets as Node;
  if (!mets) return ['METS: root element is not mets'];
  if (mets['@xmlns'] !== 'http://www.loc.gov/METS/') fail('METS', 'namespace');
  if (mets['@OBJID'] !== path.basename(root)) fail('CSIP1', 'OBJID is the package folder name');
  if (!mets['@TYPE']) fail('CSIP2', 'TYPE');
  if (!mets['@csip:CONTENTINFORMATIONTYPE']) fail('CSIP4', 'CONTENTINFORMATIONTYPE');
  if (typeof mets['@PROFILE'] !== 'string' || !mets['@PROFILE'].includes('E-ARK-SIP'))
    fail('CSIP6', 'PROFILE names the E-ARK SIP profile');
  const hdr = mets.metsHdr as Node | undefined;
  if (!hdr) fail('CSIP7', 'metsHdr');
  else {
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
  const dmd = (mets.dmdSec as Node[] | undefined) ?? [];
  if (dmd.length === 0) fail('CSIP dmdSec', 'descriptive metadata section');
  for (const d of dmd) {
    if (d['@STATUS'] !== 'CURRENT') fail('CSIP dmdSec', `${String(d['@ID'])} STATUS`);
    const ref = d.mdRef as Node;
    if (ref['@LOCTYPE'] !== 'URL' || ref['@xlink:type'] !== 'simple')
      fail('CSIP dmdSec', 'mdRef LOCTYPE/xlink:type');
    checkReferenced(root, String(ref['@xlink:href']), ref, 'CSIP dmdSec mdRef', fail);
  }
  const listed = new Set<string>();
  const fileSec = mets.fileSec as Node | undefined;
  if (!fileSec?.['@ID']) fail('CSIP59', 'fileSec with an ID');
  const grps = (fileSec?.fileGrp as Node[] | undefined) ?? [];
  if (!grps.some((g) => String(g['@USE']).startsWith('Representations')))
    fail('CSIP114', 'Representations file group');
  for (const g of grps) {
    if (!g['@USE'] || !g['@ID']) fail('CSIP64-65', 'fileGrp USE and ID');
    const files = (g.file as Node[] | undefined) ?? [];
    if (files.length === 0) fail('CSIP66', 'file group without files');
    for (const f of files) {
      const loc = f.FLocat as Node;
      if (!f['@ID']) fail('CSIP67', 'file ID');
      if (loc['@LOCTYPE'] !== 'URL' || loc['@xlink:type'] !== 'simple') fail('CSIP77-78', 'FLocat');
      const href = String(loc['@xlink:href']);
      listed.add(href);
      checkReferenced(root, href, f, 'CSIP68-72', fail);
    }
  }
  const data = listFiles(root).filter((p) => p.startsWith('representations/'));
  for (const p of data) if (!listed.has(p)) fail('CSIP79', `${p} is not in fileSec`);
  if (!data.every((p) => /^representations\/[^/]+\/data\//.test(p)))
    fail('CSIP structure', 'representation files under representations/<rep>/data/');
  const map = mets.structMap as Node | undefined;
  if (!map || map['@TYPE'] !== 'PHYSICAL' || map['@LABEL'] !== 'CSIP')
    fail('CSIP structMap', 'PHYSICAL, labelled CSIP');
  return failures;
}
