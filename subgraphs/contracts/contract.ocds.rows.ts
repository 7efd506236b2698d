/**
 * An OCDS 1.1 release package (`{ releases: [...] }`) as rows of `importContracts`: one row
 * per contract, in file order (row N of an import report is the N-th contract of the file).
 *
 * The mapping is lenient where the server checks: a missing text or a malformed amount or
 * date is passed on as it is ('' when absent), so the server rejects that row alone and
 * says which field. Codes are another matter: a GraphQL enum cannot carry an unknown value,
 * so codes outside the codelists below make the whole file refused before anything is
 * sent, with every such problem listed (`OcdsFileError`).
 *
 * Used from OCDS: parties (identifier scheme CN-USCI, or ids "CN-USCI-<USCC>"), buyer,
 * awards[].suppliers, contracts[] (id, awardID, title, status, statusDetails, period, value,
 * dateSigned, amendments, implementation.milestones with value, implementation.transactions).
 * Extensions on a contract: kind (default governmentProcurement), contractNumber (default
 * the id), ppp { stage, responsibleOfficialId | responsibleOfficialIdNumber },
 * implementation.breaches[] { id, date, party, description, remedied, remediedDate,
 * remedyNote }, transactions[].milestoneId, amendments[].amendedBy.
 */

export interface OcdsContractRow {
  id: string;
  ocid: string | null;
  contractNumber: string;
  title: string;
  kind: string;
  governmentUscc: string;
  governmentPartyName: string;
  counterparties: Array<{ name: string; uscc: string; role: string }>;
  value: string;
  currency: string | null;
  dateSigned: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  status: string;
  statusDetails: string | null;
  pppStage: string | null;
  responsibleOfficialId: string | null;
  responsibleOfficialIdNumber: string | null;
  milestones: Array<{ id: string; title: string; type: string; dueDate: string; amount: string | null; currency: string | null; status: string; dateMet: string | null }>;
  payments: Array<{ id: string; date: string; amount: string; currency: string | null; milestoneId: string | null; payerName: string | null; payerUscc: string | null; payeeName: string | null; payeeUscc: string | null }>;
  breaches: Array<{ id: string; date: string; party: string; description: string; remedied: boolean | null; remediedAt: string | null; remedyNote: string | null }>;
  amendments: Array<{ id: string; date: string; rationale: string; description: string | null; amendedBy: string | null }>;
}

/** The file as a whole cannot be imported; `problems` name the contract row and field of each. */
export class OcdsFileError extends Error {
  constructor(readonly problems: string[]) {
    super(`OCDS 文件无法导入 (the OCDS file cannot be imported):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const CODELISTS = {
  kind: ['GOVERNMENT_PROCUREMENT', 'TENDERING', 'PPP', 'INVESTMENT_ATTRACTION', 'GOVERNMENT_INVESTMENT', 'OTHER'],
  status: ['PENDING', 'ACTIVE', 'TERMINATED', 'CANCELLED'],
  role: ['SUPPLIER', 'PRIVATE_PARTY'],
  milestoneType: ['PRE_PROCUREMENT', 'APPROVAL', 'ENGAGEMENT', 'ASSESSMENT', 'DELIVERY', 'REPORTING', 'FINANCING', 'PAYMENT'],
  milestoneStatus: ['SCHEDULED', 'MET', 'NOT_MET', 'PARTIALLY_MET'],
  party: ['GOVERNMENT', 'COUNTERPARTY'],
  pppStage: ['PREPARATION', 'TENDERING', 'PROCUREMENT', 'FINANCING', 'IMPLEMENTATION', 'HANDOVER'],
} as const;

const USCC_PREFIX = 'CN-USCI-';

type Json = Record<string, any>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function array(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

function optionalText(value: unknown): string | null {
  return text(value).trim() || null;
}

/** An OCDS date-time to its calendar date: "2024-03-01T00:00:00+08:00" → "2024-03-01". */
function date(value: unknown): string {
  const s = text(value).trim();
  return /^\d{4}-\d{2}-\d{2}T/.test(s) ? s.slice(0, 10) : s;
}

function optionalDate(value: unknown): string | null {
  return date(value) || null;
}

/**
 * An OCDS amount as the decimal text the server parses. A JSON number is written back in
 * its shortest form, which for amounts of at most 15 significant digits (every amount the
 * ledger accepts) is the text the file had; anything else is refused by the server.
 */
function amount(value: unknown): string {
  return isObject(value) ? text(value.amount) : '';
}

function currency(value: unknown): string | null {
  return isObject(value) ? optionalText(value.currency) : null;
}

/** The USCC of an OCDS organization reference or party, or ''. */
function usccOf(party: Json | undefined): string {
  if (!party) return '';
  if (isObject(party.identifier) && party.identifier.scheme === 'CN-USCI') return text(party.identifier.id);
  const id = text(party.id);
  return id.startsWith(USCC_PREFIX) ? id.slice(USCC_PREFIX.length) : '';
}

/** camelCase OCDS code → UPPER_SNAKE enum value: notMet → NOT_MET. */
function enumOf(code: string): string {
  return code.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

export function contractRowsFromOcds(content: unknown): OcdsContractRow[] {
  if (!isObject(content) || !Array.isArray(content.releases)) {
    throw new OcdsFileError(['不是 OCDS 发布包：应为 { "releases": [...] } (not an OCDS release package: expected { "releases": [...] })']);
  }
  const problems: string[] = [];
  const rows: OcdsContractRow[] = [];
  for (const release of array(content.releases)) {
    const parties = array(release.parties);
    const partyById = new Map(parties.map((p) => [text(p.id), p]));
    const hasRole = (p: Json, role: string) => Array.isArray(p.roles) && p.roles.includes(role);
    const buyer = (isObject(release.buyer) ? partyById.get(text(release.buyer.id)) ?? release.buyer : undefined) ?? parties.find((p) => hasRole(p, 'buyer') || hasRole(p, 'procuringEntity'));
    for (const contract of array(release.contracts)) {
      const row = rows.length + 1;
      const code = (field: string, value: unknown, list: readonly string[], fallback?: string): string => {
        const raw = text(value).trim();
        if (!raw && fallback) return fallback;
        const mapped = enumOf(raw);
        if (!list.includes(mapped)) problems.push(`第${row}行 (row ${row}) ${field}: "${raw}" — ${list.map((v) => v.toLowerCase()).join(', ')}`);
        return mapped;
      };
      const award = array(release.awards).find((a) => text(a.id) === text(contract.awardID));
      const counterpartyParties = award
        ? array(award.suppliers).map((s) => partyById.get(text(s.id)) ?? s)
        : parties.filter((p) => hasRole(p, 'supplier') || hasRole(p, 'privateParty'));
      const implementation = isObject(contract.implementation) ? contract.implementation : {};
      const ppp = isObject(contract.ppp) ? contract.ppp : {};
      const dateSigned = optionalDate(contract.dateSigned);
      rows.push({
        id: text(contract.id),
        ocid: optionalText(release.ocid),
        contractNumber: text(contract.contractNumber) || text(contract.id),
        title: text(contract.title),
        kind: code('kind', contract.kind, CODELISTS.kind, 'GOVERNMENT_PROCUREMENT'),
        governmentUscc: usccOf(buyer),
        governmentPartyName: text(buyer?.name),
        counterparties: counterpartyParties.map((p) => ({
          name: text(p.name),
          uscc: usccOf(p),
          role: hasRole(p, 'privateParty') ? 'PRIVATE_PARTY' : 'SUPPLIER',
        })),
        value: amount(contract.value),
        currency: currency(contract.value),
        dateSigned,
        periodStart: isObject(contract.period) ? optionalDate(contract.period.startDate) : null,
        periodEnd: isObject(contract.period) ? optionalDate(contract.period.endDate) : null,
        // OCDS leaves status optional: a signed contract is taken as active, an unsigned one as pending.
        status: code('status', contract.status, CODELISTS.status, dateSigned ? 'ACTIVE' : 'PENDING'),
        statusDetails: optionalText(contract.statusDetails),
        pppStage: ppp.stage ? code('ppp.stage', ppp.stage, CODELISTS.pppStage) : null,
        responsibleOfficialId: optionalText(ppp.responsibleOfficialId),
        responsibleOfficialIdNumber: optionalText(ppp.responsibleOfficialIdNumber),
        milestones: array(implementation.milestones ?? contract.milestones).map((m, i) => ({
          id: text(m.id),
          title: text(m.title),
          type: code(`milestones[${i}].type`, m.type, CODELISTS.milestoneType, isObject(m.value) ? 'PAYMENT' : 'DELIVERY'),
          dueDate: date(m.dueDate),
          amount: isObject(m.value) ? amount(m.value) : null,
          currency: currency(m.value),
          status: code(`milestones[${i}].status`, m.status, CODELISTS.milestoneStatus, 'SCHEDULED'),
          dateMet: optionalDate(m.dateMet),
        })),
        payments: array(implementation.transactions).map((t) => ({
          id: text(t.id),
          date: date(t.date),
          amount: amount(t.value),
          currency: currency(t.value),
          milestoneId: optionalText(t.milestoneId),
          payerName: isObject(t.payer) ? optionalText(t.payer.name) : null,
          payerUscc: isObject(t.payer) ? usccOf(t.payer) || null : null,
          payeeName: isObject(t.payee) ? optionalText(t.payee.name) : null,
          payeeUscc: isObject(t.payee) ? usccOf(t.payee) || null : null,
        })),
        breaches: array(implementation.breaches).map((b, i) => ({
          id: text(b.id),
          date: date(b.date),
          party: code(`breaches[${i}].party`, b.party, CODELISTS.party),
          description: text(b.description),
          remedied: typeof b.remedied === 'boolean' ? b.remedied : null,
          remediedAt: optionalDate(b.remediedDate),
          remedyNote: optionalText(b.remedyNote),
        })),
        amendments: array(contract.amendments).map((a) => ({
          id: text(a.id),
          date: date(a.date),
          rationale: text(a.rationale),
          description: optionalText(a.description),
          amendedBy: optionalText(a.amendedBy),
        })),
      });
    }
  }
  if (problems.length > 0) throw new OcdsFileError(problems);
  return rows;
}
