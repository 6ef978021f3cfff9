// The messages between the synchronous bridge (bridge.ts, main thread) and its worker (bridge-worker.ts).

export interface Statement {
  sql: string;
  params?: readonly unknown[];
  /** 'array': rows as value arrays in column order (cheaper to send than objects). */
  rowMode?: 'array';
  /** Send this statement's rows back (writes usually do not need to). */
  returns?: boolean;
}

export type BridgeRequest =
  | { op: 'connect'; url: string }
  /** Runs the statements in order on one connection; the first failure stops the list (and rolls back if asked). */
  | { op: 'run'; connection: number; statements: Statement[]; rollbackOnError?: boolean }
  /** How many commits other connections to the same schema announced since this one first asked (NOTIFY marsad_store). */
  | { op: 'commits'; connection: number }
  | { op: 'close'; connection: number };

/** The channel every write transaction notifies at commit, with its schema as payload. */
export const COMMIT_CHANNEL = 'marsad_store';

export interface BridgeResponse {
  /** One entry per statement sent with `returns`, in order. */
  results: { index: number; rows: unknown[]; rowCount: number }[];
}
