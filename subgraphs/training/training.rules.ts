import { badInput, readUscc, type ImportResult } from '../kit/index.js';
import { TrainingTopic } from './entities/enums.js';

/** Hours are whole half hours (0.5 to `max`): exact in a double, so sums of hours stay exact. */
export function requireHours(value: number, field = 'hours', max = 200): number {
  if (!Number.isFinite(value) || value <= 0 || value > max || !Number.isInteger(value * 2)) {
    throw badInput(`${field} 应为0.5的整数倍，介于0.5到${max}之间 (${field} must be a multiple of 0.5 between 0.5 and ${max})`, { field, rule: 'HOURS' });
  }
  return value;
}

export function requireScore(value: number, field = 'score'): number {
  if (!Number.isFinite(value) || value < 0 || value > 100) {
    throw badInput(`${field} 应在0到100之间 (${field} must be between 0 and 100)`, { field, rule: 'SCORE' });
  }
  return value;
}

export function requireCount(value: number, field: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badInput(`${field} 应为${min}到${max}之间的整数 (${field} must be an integer from ${min} to ${max})`, { field, rule: 'RANGE' });
  }
  return value;
}

/** At least one topic; duplicates dropped; in declaration order, so equal sets compare equal. */
export function requireTopics(topics: readonly TrainingTopic[], field = 'topics'): TrainingTopic[] {
  if (topics.length === 0) throw badInput(`${field} 至少需要一项培训内容 (${field} needs at least one topic)`, { field, rule: 'REQUIRED' });
  return Object.values(TrainingTopic).filter((topic) => topics.includes(topic));
}

export const topicList = (topics: readonly TrainingTopic[]): string => topics.join(',');
export const topicsOf = (list: string): TrainingTopic[] => list.split(',').filter(Boolean) as TrainingTopic[];

/**
 * A unit's USCC in an import row: structural errors reject the row; an early pilot code whose
 * check digits fail is accepted with a warning, as the registry does.
 */
export function unitUscc(value: string, field: string, row: number, result: ImportResult): string {
  const { uscc, pilotProblem } = readUscc(value, field);
  if (pilotProblem) result.warn(row, `${pilotProblem}；按早期试点代码接收 (accepted as an early pilot code)`, field, 'PILOT_CODE');
  return uscc;
}
