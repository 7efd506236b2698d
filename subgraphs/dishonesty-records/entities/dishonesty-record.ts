import { Entity, EntityRepositoryType, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { DishonestyRecordRepository } from '../record.repository.js';
import { DishonestyKind, PublicationStatus, RecordStatus, Severity, SubjectType } from './enums.js';

/** One change of a record's status: the day, the caller (token subject) who caused it, and the decision's note. */
export interface RecordStatusEvent {
  status: RecordStatus;
  /** YYYY-MM-DD */
  at: string;
  by: string;
  note: string | null;
}

/**
 * 政务失信记录: a judgment, administrative penalty, disciplinary sanction, accountability decision
 * or other breach of trust against a government body or an official in the course of duty
 * (seed 002 §四(二)2, seed 004 §四(三)), as the deciding authority sent it. One record per
 * decision: identified by (authority USCC, document number), so a decision sent again updates
 * its record instead of duplicating it. An official is held by pseudonym only; the ID number
 * given on import is turned into it on arrival and never stored.
 *
 * Phase 2 of issue 16: the sanctions applied for it (applied-sanction.ts), its objections and
 * repair applications name it by `id`; the record keeps what the decision says (amended by a
 * CORRECT decision on an objection) and its status (ACTIVE, UNDER_OBJECTION, REMOVED, REPAIRED).
 */
@Entity({ tableName: 'dishonesty_record', repository: () => DishonestyRecordRepository })
@Unique({ properties: ['authorityUscc', 'documentNumber'] })
@Index({ properties: ['organizationUscc'] })
@Index({ properties: ['officialId'] })
@Index({ properties: ['regionCode', 'kind'] })
@Index({ properties: ['decisionDate', 'id'] })
@Directive('@key(fields: "id")')
@ObjectType('DishonestyRecord', { description: '政务失信记录 (a government dishonesty record of a body or an official)' })
export class DishonestyRecord {
  [EntityRepositoryType]?: DishonestyRecordRepository;
  [OptionalProps]?: 'officialId' | 'officialName' | 'sanctionTermMonths' | 'sanctionEndDate' | 'publishedAt' | 'status' | 'removedAt' | 'repairedAt' | 'history' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'string', length: 36 })
  @Field(() => ID, { description: '标识 (id)' })
  id!: string;

  @Property({ type: 'string', length: 32 })
  @Field(() => DishonestyKind, { description: '类别 (kind)' })
  kind!: DishonestyKind;

  @Property({ type: 'string', length: 16 })
  @Field(() => SubjectType, { description: '失信主体类别 (whether a body or an official)' })
  subjectType!: SubjectType;

  /** The body the record is about, or the official's unit. */
  @Property({ type: 'string', length: 18 })
  @Field(() => String, { description: '失信单位，或公职人员所在单位的统一社会信用代码 (USCC of the body, or of the official\'s unit)' })
  organizationUscc!: string;

  /** Shown through a resolver: an official's name is withheld from it, as from facts and legalBasis. */
  @Property({ type: 'string', length: 200 })
  organizationName!: string;

  /** USCC positions 3–8 of organizationUscc. */
  @Property({ type: 'string', length: 6 })
  @Field(() => String, { description: '行政区划代码，取自单位代码第3–8位 (region code, USCC positions 3–8)' })
  regionCode!: string;

  /** The official's pseudonym (PublicOfficial.id); shown through a resolver, to full readers only. */
  @Property({ type: 'string', length: 32, nullable: true })
  officialId: string | null = null;

  /** Shown through a resolver, to full readers only (security review 2026-12-01, finding B2). */
  @Property({ type: 'string', length: 50, nullable: true })
  officialName: string | null = null;

  @Property({ type: 'string', length: 18 })
  @Field(() => String, { description: '作出决定机关的统一社会信用代码 (USCC of the deciding authority)' })
  authorityUscc!: string;

  @Property({ type: 'string', length: 100 })
  @Field(() => String, { description: '作出决定机关名称 (name of the deciding authority)' })
  authorityName!: string;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: '文号：发文字号如 黑河市监处〔2026〕12号（GB/T 9704），判决为案号如 (2026)黑11民初123号 (document number: 机关代字〔年份〕序号号 per GB/T 9704, or a court case number for judgments)' })
  documentNumber!: string;

  @Property({ type: 'string', length: 10 })
  @Field(() => String, { description: '决定日期 YYYY-MM-DD (decision date)' })
  decisionDate!: string;

  /** Shown through a resolver, like organizationName. */
  @Property({ type: 'text' })
  facts!: string;

  /** Shown through a resolver, like organizationName. */
  @Property({ type: 'text' })
  legalBasis!: string;

  @Property({ type: 'string', length: 16 })
  @Field(() => Severity, { description: '失信程度 (severity)' })
  severity!: Severity;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: '决定载明的惩戒期限（月）；未载明为 null，期限按惩戒措施清单（黄石方案§四(九)"确定失信行为惩戒期限"） (the sanction term in months the decision states; null when it states none, and the catalogue\'s default term applies; seed 004 §四(九))' })
  sanctionTermMonths: number | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  @Field(() => String, { nullable: true, description: '惩戒期限届满日（期限最后一日，民法典第二百零一、二百零二条；决定未载明期限的按惩戒措施清单的默认期限） (last day of the sanction term: the decision\'s term, or else the catalogue\'s default for its kind and severity)' })
  sanctionEndDate: string | null = null;

  @Property({ type: 'string', length: 16 })
  @Field(() => PublicationStatus, { description: '公开状态 (publication status)' })
  publication!: PublicationStatus;

  @Property({ type: 'string', length: 10, nullable: true })
  @Field(() => String, { nullable: true, description: '公开日期 (date published)' })
  publishedAt: string | null = null;

  /** Seed 004 §四(九): what became of the record after it was sent (objection, removal, repair). */
  @Property({ type: 'string', length: 16 })
  @Field(() => RecordStatus, { description: '记录状态：有效、异议审查中、已删除、已修复（黄石方案§四(九)） (status: active, under objection, removed, repaired; seed 004 §四(九))' })
  status: RecordStatus = RecordStatus.ACTIVE;

  @Property({ type: 'string', length: 10, nullable: true })
  @Field(() => String, { nullable: true, description: '删除日期：异议成立，记录因错误作出而删除 (the day it was removed as wrongly made)' })
  removedAt: string | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  @Field(() => String, { nullable: true, description: '信用修复日期 (the day it was repaired)' })
  repairedAt: string | null = null;

  /** Each change of status, oldest first (like court-debtors' DebtorRecord.history); not shown: it names callers. */
  @Property({ type: 'json' })
  history: RecordStatusEvent[] = [];

  /** Digest of the row last imported: a decision sent again unchanged is "unchanged". */
  @Property({ type: 'string', length: 64 })
  sourceDigest!: string;

  /** The caller (token subject) whose import created or last changed the record. */
  @Property({ type: 'string', length: 200 })
  importedBy!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
