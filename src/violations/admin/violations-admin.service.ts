import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, type Repository, type SelectQueryBuilder } from 'typeorm';
import { toFindingDto } from '../../admin/finding.dto';
import { WardenError } from '../../common/warden.error';
import { ENDPOINTS, type EndpointName } from '../../endpoints/endpoint-name';
import type { GuardrailMode } from '../../guardrails/guardrail.types';
import { ViolationEntity } from '../violation.entity';
import { VIOLATION_ACTIONS, type ViolationAction } from '../violation.types';
import { queryTime } from './query-time';
import { decodeCursor, encodeCursor, type ViolationCursor } from './violation-cursor';
import { utcDayExpression } from './violation-day';
import {
  PAGE_LIMITS,
  type DeleteViolationsQueryDto,
  type DeletedViolationsDto,
  type ListViolationsQueryDto,
  type ViolationPageDto,
  type ViolationResponseDto,
  type ViolationStatsDto,
  type ViolationFilterQueryDto,
  type ViolationStatsQueryDto,
} from './violation.dto';

const STATS_DEFAULT_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const SORT_COLUMNS = { occurred_at: 'v.occurredAt', latency_ms: 'v.latencyMs' } as const;

/** Read side of the violation log (the write side is the ViolationQueue) and its retention delete. */
@Injectable()
export class ViolationsAdminService {
  constructor(@InjectRepository(ViolationEntity) private readonly repository: Repository<ViolationEntity>) {}

  async list(query: ListViolationsQueryDto): Promise<ViolationPageDto> {
    if (query.cursor !== undefined && query.offset !== undefined) {
      throw WardenError.invalidRequest('Use either offset or cursor, not both.', 'cursor');
    }
    const sort = query.sort ?? 'occurred_at';
    const order = query.order ?? 'desc';
    const limit = query.limit ?? PAGE_LIMITS.default;
    const offset = query.offset ?? 0;
    const filtered = this.filtered(query);
    const page = filtered.clone();
    if (query.cursor !== undefined) {
      this.startAfter(page, decodeCursor(query.cursor, sort, order));
    }
    const direction = order === 'asc' ? 'ASC' : 'DESC';
    const [total, rows] = await Promise.all([
      filtered.getCount(),
      page
        .orderBy(SORT_COLUMNS[sort], direction)
        .addOrderBy('v.id', direction)
        .offset(offset)
        .limit(limit + 1)
        .getMany(),
    ]);
    const pageRows = rows.slice(0, limit);
    const last = pageRows[pageRows.length - 1];
    const nextCursor =
      rows.length > limit && last
        ? encodeCursor({
            sort,
            order,
            value: sort === 'occurred_at' ? last.occurredAt.toISOString() : last.latencyMs,
            id: last.id,
          })
        : null;
    return { data: pageRows.map((row) => this.map(row)), total, limit, offset, next_cursor: nextCursor };
  }

  async get(id: string): Promise<ViolationResponseDto> {
    const row = UUID.test(id) ? await this.repository.findOneBy({ id }) : null;
    if (!row) {
      throw WardenError.notFound(`No violation with id ${JSON.stringify(id.slice(0, 64))}.`);
    }
    return this.map(row);
  }

  /** Counts by guardrail, action, endpoint, key alias, team and UTC day in [from, to); default: the last 30 days. */
  async stats(query: ViolationStatsQueryDto): Promise<ViolationStatsDto> {
    const to = query.to === undefined ? new Date() : queryTime(query.to, 'to');
    const from =
      query.from === undefined ? new Date(to.getTime() - STATS_DEFAULT_DAYS * DAY_MS) : queryTime(query.from, 'from');
    assertRange(from, to);
    const inRange = (): SelectQueryBuilder<ViolationEntity> => {
      const builder = this.repository
        .createQueryBuilder('v')
        .where('v.occurredAt >= :from AND v.occurredAt < :to', { from: this.time(from), to: this.time(to) });
      whereFiltered(builder, query);
      return builder;
    };
    const day = utcDayExpression(this.repository.manager.connection);
    const [guardrails, actions, endpoints, keys, teams, days, dayGuardrails] = await Promise.all([
      inRange()
        .select('v.guardrailName', 'key')
        .addSelect('COUNT(*)', 'count')
        .groupBy('v.guardrailName')
        .getRawMany<RawCount>(),
      inRange().select('v.action', 'key').addSelect('COUNT(*)', 'count').groupBy('v.action').getRawMany<RawCount>(),
      inRange().select('v.endpoint', 'key').addSelect('COUNT(*)', 'count').groupBy('v.endpoint').getRawMany<RawCount>(),
      inRange()
        .select('v.callerKeyAlias', 'key')
        .addSelect('COUNT(*)', 'count')
        .groupBy('v.callerKeyAlias')
        .getRawMany<RawCount>(),
      inRange()
        .select('v.keyTeam', 'key')
        .addSelect('COUNT(*)', 'count')
        .groupBy('v.keyTeam')
        .getRawMany<{ key: string | null; count: string | number }>(),
      inRange().select(day, 'key').addSelect('COUNT(*)', 'count').groupBy(day).getRawMany<RawCount>(),
      inRange()
        .select(day, 'day')
        .addSelect('v.guardrailName', 'guardrail')
        .addSelect('COUNT(*)', 'count')
        .groupBy(day)
        .addGroupBy('v.guardrailName')
        .getRawMany<{ day: string; guardrail: string; count: string | number }>(),
    ]);
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      total: guardrails.reduce((sum, { count }) => sum + Number(count), 0),
      by_guardrail: guardrails
        .map(({ key, count }) => ({ guardrail_name: key, count: Number(count) }))
        .sort((a, b) => b.count - a.count || a.guardrail_name.localeCompare(b.guardrail_name)),
      by_action: countsOf(VIOLATION_ACTIONS, actions),
      by_endpoint: countsOf(ENDPOINTS, endpoints),
      by_key: keys
        .map(({ key, count }) => ({ key_alias: key, count: Number(count) }))
        .sort((a, b) => b.count - a.count || a.key_alias.localeCompare(b.key_alias)),
      by_team: teams
        .map(({ key, count }) => ({ team: key, count: Number(count) }))
        .sort((a, b) => b.count - a.count || (a.team ?? '').localeCompare(b.team ?? '')),
      by_day: days
        .map(({ key, count }) => ({ day: key, count: Number(count) }))
        .sort((a, b) => a.day.localeCompare(b.day)),
      by_day_by_guardrail: dayGuardrails
        .map(({ day: utcDay, guardrail, count }) => ({ day: utcDay, guardrail_name: guardrail, count: Number(count) }))
        .sort((a, b) => a.day.localeCompare(b.day) || a.guardrail_name.localeCompare(b.guardrail_name)),
    };
  }

  /** Retention: deletes every violation that occurred before `before`. */
  async deleteBefore(query: DeleteViolationsQueryDto): Promise<DeletedViolationsDto> {
    const result = await this.repository
      .createQueryBuilder()
      .delete()
      .from(ViolationEntity)
      .where('occurredAt < :before', { before: this.time(queryTime(query.before, 'before')) })
      .execute();
    return { deleted: result.affected ?? 0 };
  }

  private filtered(query: ListViolationsQueryDto): SelectQueryBuilder<ViolationEntity> {
    const builder = this.repository.createQueryBuilder('v');
    const from = query.from === undefined ? undefined : queryTime(query.from, 'from');
    const to = query.to === undefined ? undefined : queryTime(query.to, 'to');
    if (from && to) {
      assertRange(from, to);
    }
    whereFiltered(builder, query);
    if (query.request_id !== undefined) {
      builder.andWhere('v.requestId = :requestId', { requestId: query.request_id });
    }
    if (from) {
      builder.andWhere('v.occurredAt >= :from', { from: this.time(from) });
    }
    if (to) {
      builder.andWhere('v.occurredAt < :to', { to: this.time(to) });
    }
    return builder;
  }

  /** Keyset condition: rows strictly after the cursor in (sort key, id) order. */
  private startAfter(builder: SelectQueryBuilder<ViolationEntity>, cursor: ViolationCursor): void {
    const column = SORT_COLUMNS[cursor.sort];
    const operator = cursor.order === 'asc' ? '>' : '<';
    const value = cursor.sort === 'occurred_at' ? this.time(new Date(cursor.value)) : cursor.value;
    builder.andWhere(
      new Brackets((where) => {
        where
          .where(`${column} ${operator} :cursorValue`, { cursorValue: value })
          .orWhere(`(${column} = :cursorValue AND v.id ${operator} :cursorId)`, { cursorId: cursor.id });
      }),
    );
  }

  /** A time as the driver stores it (SQLite: UTC text; PostgreSQL: a Date), so comparisons match stored values. */
  private time(date: Date): unknown {
    const column = this.repository.metadata.findColumnWithPropertyName('occurredAt');
    if (!column) {
      throw new Error('ViolationEntity.occurredAt is not mapped');
    }
    return this.repository.manager.connection.driver.preparePersistentValue(date, column) as unknown;
  }

  /** The one place a stored violation becomes a response (snake_case). */
  private map(row: ViolationEntity): ViolationResponseDto {
    return {
      id: row.id,
      occurred_at: row.occurredAt.toISOString(),
      request_id: row.requestId,
      guardrail_name: row.guardrailName,
      provider: row.provider,
      mode: row.mode as GuardrailMode,
      action: row.action as ViolationAction,
      model: row.model,
      endpoint: row.endpoint as EndpointName,
      caller_key_alias: row.callerKeyAlias,
      key_team: row.keyTeam,
      findings: row.findings.map(toFindingDto),
      vendor_response: row.vendorResponse,
      excerpt: row.excerpt,
      latency_ms: row.latencyMs,
      cached: row.cached === true,
    };
  }
}

interface RawCount {
  key: string;
  count: string | number;
}

/** A count for every key of a closed vocabulary (zero when no row has it); stored values outside it are left out. */
function countsOf<K extends string>(keys: readonly K[], rows: readonly RawCount[]): Record<K, number> {
  const counts = Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  for (const { key, count } of rows) {
    if ((keys as readonly string[]).includes(key)) {
      counts[key as K] = Number(count);
    }
  }
  return counts;
}

function assertRange(from: Date, to: Date): void {
  if (from.getTime() >= to.getTime()) {
    throw WardenError.invalidRequest('from must be earlier than to.', 'from');
  }
}

/** The log's column filters, the same for the list and the stats. */
function whereFiltered(builder: SelectQueryBuilder<ViolationEntity>, query: ViolationFilterQueryDto): void {
  const columns: Array<[string, string, string | undefined]> = [
    ['guardrailName', 'guardrail', query.guardrail],
    ['action', 'action', query.action],
    ['model', 'model', query.model],
    ['endpoint', 'endpoint', query.endpoint],
    ['callerKeyAlias', 'keyAlias', query.key_alias],
    ['keyTeam', 'team', query.team],
  ];
  for (const [column, parameter, value] of columns) {
    if (value !== undefined) {
      builder.andWhere(`v.${column} = :${parameter}`, { [parameter]: value });
    }
  }
}
