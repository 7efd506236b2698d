import { randomUUID } from 'node:crypto';
import { EntityRepository } from '@mikro-orm/knex';
import type { FilterQuery, QBFilterQuery } from '@mikro-orm/core';
import {
  badInput, Caller, chunked, errors, requireDate, requireRegionCode, requireText, requireYear, today, usccRegionCode, type PageWindow, regionCodeRange,
} from '../kit/index.js';
import { CommitmentItem } from './entities/commitment-item.js';
import { CommitmentLetter } from './entities/commitment-letter.js';
import { Fulfilment, FulfilmentRecordKind, LetterStatus, SETTLED_FULFILMENT } from './entities/enums.js';
import { FulfilmentRecord } from './entities/fulfilment-record.js';
import { deriveFulfilment } from './fulfilment.rules.js';
import type { CommitmentLetterFilter, CommitmentLetterInput, FulfilmentInput, LawfulChangeInput } from './inputs.js';
import { canSee, isBinding, visibleLetters } from './letter.rules.js';

const STATUS_ZH: Record<LetterStatus, string> = {
  DRAFT: '草稿', SIGNED: '已签发', PUBLISHED: '已公示', WITHDRAWN: '已撤回',
};

function illegalTransition(letter: CommitmentLetter, actionZh: string, actionEn: string): Error {
  return errors.conflict(
    `承诺书当前状态为"${STATUS_ZH[letter.status]}"，不能${actionZh}`,
    `the letter is ${letter.status}; it cannot be ${actionEn}`,
  );
}

/** The letter lifecycle (DRAFT → SIGNED → PUBLISHED → WITHDRAWN) and its items' fulfilment. */
export class LetterRepository extends EntityRepository<CommitmentLetter> {
  async findPage(filter: CommitmentLetterFilter | null | undefined, window: PageWindow, caller: Caller): Promise<{ rows: CommitmentLetter[]; total: number }> {
    const where: FilterQuery<CommitmentLetter>[] = [visibleLetters(caller)];
    if (filter?.regionCode) where.push({ regionCode: regionCodeRange(requireRegionCode(filter.regionCode, 'filter.regionCode')) });
    if (filter?.year != null) where.push({ year: filter.year });
    if (filter?.status) where.push({ status: filter.status });
    const withItems = (items: QBFilterQuery<CommitmentItem>) => ({ $in: this.em.createQueryBuilder(CommitmentItem, 'i').select('i.letter_id').where(items).getKnexQuery() as any });
    if (filter?.category) where.push({ id: withItems({ category: filter.category }) });
    if (filter?.itemFulfilment) {
      if (filter.itemFulfilment.length === 0 || filter.itemFulfilment.length > Object.keys(Fulfilment).length) {
        throw badInput('itemFulfilment 应为1到6个履行状态 (itemFulfilment takes 1–6 states)', { field: 'filter.itemFulfilment' });
      }
      where.push({ id: withItems({ fulfilment: { $in: [...new Set(filter.itemFulfilment)] } }) });
    }
    if (filter?.hasOverdueItems != null) {
      // The summaries' rule (reports/summary.ts isOverdue): past due, neither fulfilled nor changed, on a letter that bound its unit.
      const overdue = withItems({ dueDate: { $lt: today() }, fulfilment: { $nin: [...SETTLED_FULFILMENT] } });
      const binding = { publishedAt: { $ne: null }, status: { $in: [LetterStatus.PUBLISHED, LetterStatus.WITHDRAWN] } };
      where.push(filter.hasOverdueItems ? { $and: [binding, { id: overdue }] } : { $or: [{ $not: binding }, { id: { $nin: overdue.$in } }] });
    }
    const all: FilterQuery<CommitmentLetter> = { $and: where };
    const page: FilterQuery<CommitmentLetter> = window.afterKey === undefined ? all : { $and: [...where, { id: { $gt: String(window.afterKey) } }] };
    const rows = await this.find(page, { orderBy: { id: 'asc' }, limit: window.first + 1 });
    return { rows, total: await this.count(all) };
  }

  /** The letter, or NOT_FOUND; a letter the caller may not see is NOT_FOUND too (no probing for drafts). */
  async getVisible(id: string, caller: Caller): Promise<CommitmentLetter> {
    const letter = await this.findOne({ id });
    if (!letter || !canSee(caller, letter)) throw errors.notFound(`未找到承诺书 ${id}`, `no commitment letter ${id}`);
    return letter;
  }

  /** The letter, for a write by its own unit (or ADMIN): FORBIDDEN for another unit's letter. */
  async getForWrite(id: string, caller: Caller): Promise<CommitmentLetter> {
    const letter = await this.findOne({ id });
    if (!letter) throw errors.notFound(`未找到承诺书 ${id}`, `no commitment letter ${id}`);
    caller.requireOwnUnit(letter.organizationUscc, 'ADMIN');
    return letter;
  }

  async createDraft(uscc: string, input: CommitmentLetterInput): Promise<CommitmentLetter> {
    const year = requireYear(input.year);
    const existing = await this.findOne({ organizationUscc: uscc, year, status: { $ne: LetterStatus.WITHDRAWN } });
    if (existing) {
      throw errors.conflict(`本单位${year}年度已有承诺书（${existing.id}）`, `the unit already has a ${year} letter (${existing.id}); edit or withdraw it`);
    }
    const letter = this.em.create(CommitmentLetter, {
      id: randomUUID(),
      organizationUscc: uscc,
      regionCode: usccRegionCode(uscc),
      ...this.checkedLetterFields(input),
    });
    this.replaceItems(letter, input);
    await this.em.flush();
    return letter;
  }

  async editDraft(letter: CommitmentLetter, input: CommitmentLetterInput): Promise<CommitmentLetter> {
    if (letter.status !== LetterStatus.DRAFT) throw illegalTransition(letter, '修改（已签发或公示的承诺书只能依法变更事项）', 'edited (only lawful changes of items after signing)');
    if (requireYear(input.year) !== letter.year) throw badInput('不能修改承诺书年度 (the year of a letter cannot change)', { field: 'year' });
    this.em.assign(letter, this.checkedLetterFields(input));
    const old = await this.em.find(CommitmentItem, { letterId: letter.id });
    for (const item of old) this.em.remove(item);
    this.replaceItems(letter, input);
    await this.em.flush();
    return letter;
  }

  async sign(letter: CommitmentLetter, issuer: string, signedAt: string | null | undefined): Promise<CommitmentLetter> {
    if (letter.status !== LetterStatus.DRAFT) throw illegalTransition(letter, '签发', 'signed');
    const items = await this.em.count(CommitmentItem, { letterId: letter.id });
    if (items === 0) throw errors.conflict('没有承诺事项的承诺书不能签发', 'a letter without items cannot be signed');
    letter.issuer = requireText(issuer, 'issuer', 50);
    letter.signedAt = signedAt ? requireDate(signedAt, 'signedAt') : today();
    letter.status = LetterStatus.SIGNED;
    await this.em.flush();
    return letter;
  }

  async publish(letter: CommitmentLetter, channels: string[], publishedAt: string | null | undefined): Promise<CommitmentLetter> {
    if (letter.status !== LetterStatus.SIGNED) throw illegalTransition(letter, '公示（须先签发）', 'published (it must be signed first)');
    if (channels.length === 0) throw badInput('至少需要一个公示渠道 (at least one publication channel)', { field: 'channels' });
    letter.publicationChannels = channels.map((c, i) => requireText(c, `channels[${i}]`, 200));
    letter.publishedAt = publishedAt ? requireDate(publishedAt, 'publishedAt') : today();
    letter.status = LetterStatus.PUBLISHED;
    await this.em.flush();
    return letter;
  }

  /**
   * A draft or signed letter is withdrawn with a reason. A published one also needs a lawful ground
   * (seed 002 §二(三) "因国家利益、公共利益或者其他法定事由需要改变政府承诺…严格依照法定权限和程序进行"): it
   * stays public as withdrawn, and its items keep binding the unit until fulfilled or lawfully changed.
   */
  async withdraw(letter: CommitmentLetter, reason: string, legalReason: string | null | undefined): Promise<CommitmentLetter> {
    if (letter.status === LetterStatus.WITHDRAWN) throw illegalTransition(letter, '再次撤回', 'withdrawn again');
    const withdrawnReason = requireText(reason, 'reason');
    if (letter.status === LetterStatus.PUBLISHED) {
      if (legalReason == null || legalReason.trim() === '') {
        throw badInput('撤回已公示的承诺书须说明法定事由 (withdrawing a published letter needs its lawful ground: legalReason)', { field: 'legalReason', rule: 'REQUIRED' });
      }
      letter.withdrawnLegalReason = requireText(legalReason, 'legalReason');
    }
    letter.withdrawnReason = withdrawnReason;
    letter.withdrawnAt = today();
    letter.status = LetterStatus.WITHDRAWN;
    await this.em.flush();
    return letter;
  }

  /**
   * Appends a fulfilment record, the unit's report (SELF_REPORT) or an auditor's finding (FINDING,
   * with its grounds), and sets the item's status to what the records now give
   * (fulfilment.rules.ts): a report made after a finding waits for the next finding.
   */
  async recordFulfilment(item: CommitmentItem, letter: CommitmentLetter, input: FulfilmentInput, kind: FulfilmentRecordKind, caller: Caller): Promise<CommitmentItem> {
    if (!isBinding(letter)) throw illegalTransition(letter, '登记履行情况（须已公示）', 'given fulfilment records (it must be published)');
    if (input.fulfilment === Fulfilment.CHANGED) {
      throw badInput('依法变更请使用 changeCommitmentItem (use changeCommitmentItem for a lawful change)', { field: 'fulfilment' });
    }
    if (item.fulfilment === Fulfilment.CHANGED) {
      throw errors.conflict('已依法变更的事项不再登记履行情况', 'a lawfully changed item takes no further fulfilment records');
    }
    const evidence = input.evidence != null ? requireText(input.evidence, 'evidence') : null;
    if (kind === FulfilmentRecordKind.FINDING && evidence === null) {
      throw badInput('审核认定须写明依据 (a finding needs its grounds: evidence)', { field: 'evidence', rule: 'REQUIRED' });
    }
    const reviewedAt = input.reviewedAt ? requireDate(input.reviewedAt, 'reviewedAt') : today();
    const recordedAs = caller.has('ADMIN') ? 'ADMIN' : kind === FulfilmentRecordKind.FINDING ? 'AUDITOR' : 'ORGANIZATION';
    const record = this.em.create(FulfilmentRecord, {
      itemId: item.id, organizationUscc: letter.organizationUscc, regionCode: letter.regionCode,
      kind, fulfilment: input.fulfilment, evidence, reviewedAt, recordedAs, recordedAt: new Date().toISOString(),
    });
    const earlier = await this.em.find(FulfilmentRecord, { itemId: item.id }, { orderBy: { id: 'asc' } });
    const derived = deriveFulfilment([...earlier.filter((r) => r !== record), record]);
    if (derived.fulfilment !== null && !derived.reportAwaitingReview) {
      item.fulfilment = derived.fulfilment;
      if (evidence !== null) item.evidence = evidence;
      item.lastReviewedAt = reviewedAt;
    }
    await this.em.flush();
    return item;
  }

  async lawfulChange(item: CommitmentItem, letter: CommitmentLetter, input: LawfulChangeInput): Promise<CommitmentItem> {
    if (!isBinding(letter)) throw illegalTransition(letter, '依法变更事项（须已公示）', 'changed lawfully (it must be published)');
    if (item.fulfilment === Fulfilment.CHANGED) throw errors.conflict('该事项已依法变更', 'the item has already been changed');
    item.changeReason = requireText(input.legalReason, 'legalReason');
    item.changeCompensation = requireText(input.compensation, 'compensation');
    if (input.newContent != null) item.content = requireText(input.newContent, 'newContent');
    if (input.newDueDate != null) item.dueDate = requireDate(input.newDueDate, 'newDueDate');
    item.fulfilment = Fulfilment.CHANGED;
    item.changedAt = today();
    await this.em.flush();
    return item;
  }

  private checkedLetterFields(input: CommitmentLetterInput) {
    if (input.items.length === 0 || input.items.length > 50) {
      throw badInput('承诺事项应为1到50项 (a letter has 1–50 items)', { field: 'items' });
    }
    input.items.forEach((item, i) => {
      requireText(item.content, `items[${i}].content`);
      requireDate(item.dueDate, `items[${i}].dueDate`);
    });
    if (!/^[\d\-+() ]{5,20}$/.test(input.complaintPhone.trim())) {
      throw badInput('监督投诉电话格式不正确 (complaintPhone is not a phone number)', { field: 'complaintPhone' });
    }
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(input.complaintEmail.trim())) {
      throw badInput('投诉举报邮箱格式不正确 (complaintEmail is not an e-mail address)', { field: 'complaintEmail' });
    }
    return {
      year: input.year,
      letterNumber: requireText(input.letterNumber, 'letterNumber', 100),
      liability: requireText(input.liability, 'liability'),
      complaintPhone: input.complaintPhone.trim(),
      complaintEmail: input.complaintEmail.trim(),
    };
  }

  private replaceItems(letter: CommitmentLetter, input: CommitmentLetterInput): void {
    input.items.forEach((item, index) => {
      this.em.create(CommitmentItem, {
        id: randomUUID(),
        letterId: letter.id,
        number: index + 1,
        category: item.category,
        content: item.content.trim(),
        dueDate: item.dueDate,
      });
    });
  }
}

/** For coverage: each listed organization's best letter status in a year (SIGNED or PUBLISHED), batched. */
export async function committedStatuses(em: LetterRepository['em'], usccs: string[], year: number): Promise<Map<string, LetterStatus>> {
  const statuses = new Map<string, LetterStatus>();
  for (const part of chunked(usccs, 5_000)) {
    const rows = await em.find(
      CommitmentLetter,
      { organizationUscc: { $in: part }, year, status: { $in: [LetterStatus.SIGNED, LetterStatus.PUBLISHED] } },
      { fields: ['organizationUscc', 'status'] },
    );
    for (const row of rows) {
      if (statuses.get(row.organizationUscc) !== LetterStatus.PUBLISHED) statuses.set(row.organizationUscc, row.status);
    }
  }
  return statuses;
}
