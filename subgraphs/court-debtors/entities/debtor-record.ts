import { BigIntType, Entity, EntityRepositoryType, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { RegistrantType } from '../../kit/index.js';
import { DebtorRecordRepository } from '../record.repository.js';
import { CaseNumberForm, DishonestBehaviour, DebtorStatus, ExitReason, Performance } from './enums.js';

export interface StatusEvent {
  status: DebtorStatus;
  reason: ExitReason | null;
  /** YYYY-MM-DD */
  at: string;
  /** The caller (token subject) who caused it. */
  by: string;
  note: string | null;
}

/**
 * 失信被执行人 (an organization on a court's dishonest-debtor list), with the fields the list
 * publishes (法释〔2017〕7号 art. 6). Keyed by case number; never deleted: an exited record
 * stays and stops counting. The stored status is what was decided; a fixed listing term
 * that has run out makes an ACTIVE record read as EXITED (TERM_EXPIRED) — see record.rules.ts.
 */
@Entity({ tableName: 'debtor_record', repository: () => DebtorRecordRepository })
@Index({ properties: ['regionCode', 'status'] })
@Index({ properties: ['debtorUscc'] })
@Index({ properties: ['publishDate'] })
@Directive('@key(fields: "caseNumber")')
@ObjectType('DebtorRecord', { description: '失信被执行人记录（单位） (a court\'s dishonest-debtor record of an organization)' })
export class DebtorRecord {
  [EntityRepositoryType]?: DebtorRecordRepository;
  [OptionalProps]?: 'status' | 'exitReason' | 'exitedAt' | 'repairedAt' | 'history' | 'updatedAt';

  @PrimaryKey({ type: 'string', length: 64 })
  @Field(() => String, { description: '案号，如 (2019)皖1122执1194号 (case number)' })
  caseNumber!: string;

  @Property({ type: 'string', length: 16 })
  @Field(() => CaseNumberForm, { description: '案号格式 (case-number form)' })
  caseNumberForm!: CaseNumberForm;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '立案年度，取自案号 (year of the case, from the case number)' })
  caseYear!: number;

  @Property({ type: 'string', length: 100 })
  @Index()
  @Field(() => String, { description: '执行法院 (executing court)' })
  court!: string;

  @Property({ type: 'string', length: 20 })
  @Field(() => String, { description: '省份 (province, as the court list writes it)' })
  province!: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: '被执行人名称 (debtor name, as the court list writes it)' })
  debtorName!: string;

  @Property({ type: 'string', length: 18 })
  @Field(() => String, { description: '被执行人统一社会信用代码 (debtor USCC)' })
  debtorUscc!: string;

  @Property({ type: 'boolean' })
  @Field(() => Boolean, { description: '代码是否通过 GB 32100 校验；早期试点代码不通过但被接收 (whether the USCC passes its check; early pilot codes do not and are accepted)' })
  usccCheckPassed!: boolean;

  /** USCC positions 1–2, as RegistrantType: the ledger works for debtors the registry does not know. */
  @Property({ type: 'string', length: 32 })
  @Field(() => RegistrantType, { description: '登记类别，取自代码第1–2位 (debtor type, from USCC positions 1–2)' })
  debtorType!: RegistrantType;

  /** USCC positions 3–8. */
  @Property({ type: 'string', length: 6 })
  @Field(() => String, { description: '行政区划代码，取自代码第3–8位 (region code, from USCC positions 3–8)' })
  regionCode!: string;

  /** Shown through a masking resolver. */
  @Property({ type: 'string', length: 50, nullable: true })
  legalRepresentative!: string | null;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: '执行依据文号 (number of the basis document)' })
  basisDocumentNumber!: string;

  @Property({ type: 'string', length: 100 })
  @Field(() => String, { description: '做出执行依据单位 (issuer of the basis document)' })
  basisIssuer!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: '生效法律文书确定的义务 (the obligation)' })
  obligation!: string;

  @Property({ type: 'string', length: 20 })
  @Field(() => Performance, { description: '履行情况 (performance)' })
  performance!: Performance;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '已履行部分（原文） (performed part, as written)' })
  performedPart!: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '未履行部分（原文） (unperformed part, as written)' })
  unperformedPart!: string | null;

  /** Fen, read from performedPart when it states one amount. */
  @Property({ type: new BigIntType('bigint'), nullable: true })
  performedFen!: bigint | null;

  @Property({ type: new BigIntType('bigint'), nullable: true })
  unperformedFen!: bigint | null;

  @Property({ type: 'json' })
  @Field(() => [DishonestBehaviour], { description: '失信行为具体情形 (the dishonest behaviours)' })
  dishonestBehaviours!: DishonestBehaviour[];

  @Property({ type: 'text' })
  @Field(() => String, { description: '失信行为具体情形（原文） (the behaviour as written)' })
  dishonestBehaviourText!: string;

  @Property({ type: 'string', length: 10 })
  @Field(() => String, { description: '立案日期 (filing date, YYYY-MM-DD)' })
  filingDate!: string;

  @Property({ type: 'string', length: 10 })
  @Field(() => String, { description: '发布日期，即列入日期 (publish date: the day it was listed)' })
  publishDate!: string;

  @Property({ type: 'string', length: 10, nullable: true })
  @Field(() => String, { nullable: true, description: '纳入期限届满日：第一条第二至六项情形为两年，仅"有履行能力而拒不履行"无固定期限 (end of the fixed listing term: two years for the forms of art. 1 (2)–(6); none when only "refuses despite ability")' })
  listingTermEnd!: string | null;

  /** As decided; read through `effectiveStatus`. */
  @Property({ type: 'string', length: 20 })
  status: DebtorStatus = DebtorStatus.ACTIVE;

  @Property({ type: 'string', length: 24, nullable: true })
  exitReason: ExitReason | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  exitedAt: string | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  @Field(() => String, { nullable: true, description: '信用修复日期 (date repaired)' })
  repairedAt: string | null = null;

  @Property({ type: 'json' })
  history: StatusEvent[] = [];

  /** Digest of the court row last imported: a re-sent identical row is "unchanged". */
  @Property({ type: 'string', length: 64 })
  sourceDigest!: string;

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
