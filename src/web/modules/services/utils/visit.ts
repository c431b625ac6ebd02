import type { VisitBody } from '../hooks/useVisits.js';

export type ParticipantValues = { name?: string; side?: 'government' | 'enterprise'; role?: string };
export type NeedValues = { type?: string; title?: string; description?: string };
export type VisitValues = {
  enterpriseId?: string;
  visitedOn?: string;
  participants: ParticipantValues[];
  topics: string[];
  notes?: string;
  demands: NeedValues[];
};

const text = (v: string | undefined | null): string => (v ?? '').trim();

/**
 * The visit form as the API's body: blank participant and need rows dropped
 * (a row the officer added and left empty), text trimmed, topics unique.
 * Row indices change when blank rows go, so `indexMap` tells which form row
 * each sent row came from (to put the server's field errors back in place).
 */
export const visitBody = (v: VisitValues): { body: VisitBody; participantRows: number[]; demandRows: number[] } => {
  const participantRows: number[] = [];
  const participants: VisitBody['participants'] = [];
  v.participants.forEach((p, i) => {
    if (!text(p.name) && !text(p.role)) return;
    participantRows.push(i);
    participants.push({ name: text(p.name), side: p.side ?? 'government', role: text(p.role) || null });
  });
  const demandRows: number[] = [];
  const demands: VisitBody['demands'] = [];
  v.demands.forEach((d, i) => {
    if (!d.type && !text(d.title) && !text(d.description)) return;
    demandRows.push(i);
    demands.push({ type: d.type ?? '', title: text(d.title), description: text(d.description) });
  });
  return {
    body: {
      enterpriseId: v.enterpriseId ?? '',
      visitedOn: v.visitedOn ?? '',
      participants,
      topics: [...new Set(v.topics.map((x) => x.trim()).filter(Boolean))],
      notes: text(v.notes) || null,
      demands,
    },
    participantRows,
    demandRows,
  };
};

/** A server issue path of the sent body as a form name path (the sent row mapped back to its form row). */
export const visitFieldFor = (path: string, rows: { participantRows: number[]; demandRows: number[] }): (string | number)[] | null => {
  const parts = path.split('.');
  const head = parts[0] ?? '';
  if (head === 'participants' || head === 'demands') {
    const index = Number(parts[1]);
    const formRow = (head === 'participants' ? rows.participantRows : rows.demandRows)[index];
    if (formRow === undefined) return null;
    return parts[2] ? [head, formRow, parts[2]] : null;
  }
  if (['enterpriseId', 'visitedOn', 'topics', 'notes'].includes(head)) return [head];
  return null;
};

