import { parse, protocol, type PGlite, type QueryOptions, type Results, type Transaction } from '@electric-sql/pglite';

export type Queries = Pick<PGlite, 'query' | 'transaction'>;
type Query = PGlite['query'];
type Message = Awaited<ReturnType<PGlite['execProtocolStream']>>[number];
type Statement = { name: string; paramTypes: number[]; rowDescription: Message | undefined };

const { serialize } = protocol;
export const MAX_STATEMENTS = 500;
const CACHED_PLAN_CHANGED = '0A000';
const NO_SUCH_STATEMENT = '26000';

export function aroundQueries(queries: Queries, around: (query: Query, tx?: Transaction) => Query): Queries {
  return {
    query: around(queries.query.bind(queries)),
    transaction: (callback) => queries.transaction((tx) => callback(Object.assign(Object.create(tx) as Transaction, { query: around(tx.query, tx) }))),
  };
}

// Migrations and one-off statements are seen once: they take the driver's own way.
function repeatedTexts(): (text: string) => boolean {
  const seenOnce = new Set<string>();
  return (text) => {
    if (seenOnce.delete(text)) return true;
    if (seenOnce.size >= MAX_STATEMENTS * 4) seenOnce.clear();
    seenOnce.add(text);
    return false;
  };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const message = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    message.set(part, offset);
    offset += part.length;
  }
  return message;
}

/** A repeated query as a named prepared statement: parsed once, sent in one call where PGlite's `query` makes six. */
export function preparedStatements(client: PGlite): Queries {
  const statements = new Map<string, Statement>();
  const seenBefore = repeatedTexts();
  let closing: Uint8Array[] = [];
  let named = 0;

  async function exchange(parts: Uint8Array[], syncToFs = false): Promise<Message[]> {
    const message = concat([...closing, ...parts, serialize.sync()]);
    closing = [];
    return client.execProtocolStream(message, { syncToFs });
  }

  async function prepare(text: string): Promise<Statement> {
    const name = `s${++named}`;
    const messages = await exchange([serialize.parse({ name, text }), serialize.describe({ type: 'S', name })]);
    const statement = {
      name,
      paramTypes: parse.parseDescribeStatementResults(messages),
      rowDescription: messages.find((message) => message.name === 'rowDescription'),
    };
    if (statements.size >= MAX_STATEMENTS) forget(statements.keys().next().value!);
    statements.set(text, statement);
    return statement;
  }

  function statementFor(text: string): Promise<Statement> | Statement {
    const statement = statements.get(text);
    if (!statement) return prepare(text);
    statements.delete(text);
    statements.set(text, statement);
    return statement;
  }

  async function run<T>(text: string, params: unknown[] = [], options: QueryOptions = {}, inTransaction = false): Promise<Results<T>> {
    const statement = await statementFor(text);
    const values = params.map((value, index) => {
      if (value === null || value === undefined) return null;
      const type = statement.paramTypes[index]!;
      const serializer = options.serializers?.[type] ?? client.serializers[type];
      return serializer ? serializer(value) : String(value);
    });
    let messages: Message[];
    try {
      messages = await exchange([serialize.bind({ statement: statement.name, values }), serialize.execute({})], !inTransaction);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== CACHED_PLAN_CHANGED && code !== NO_SUCH_STATEMENT) throw error;
      // Prepared again, it reads the changed table; a transaction has already failed with the error.
      forget(text);
      if (inTransaction) throw error;
      return run(text, params, options);
    }
    return parse.parseResults(statement.rowDescription ? [statement.rowDescription, ...messages] : messages, client.parsers, options)[0] as Results<T>;
  }

  function forget(text: string): void {
    const statement = statements.get(text);
    if (!statement) return;
    statements.delete(text);
    closing.push(serialize.close({ type: 'S', name: statement.name }));
  }

  const worthPreparing = (text: string) => statements.has(text) || seenBefore(text);

  return aroundQueries(client, (query, tx) => (text, params, options) => {
    if (!worthPreparing(text)) return query(text, params, options);
    if (tx) return tx.closed ? Promise.reject(new Error('Transaction is closed')) : client._runExclusiveQuery(() => run(text, params, options, true));
    return client._checkReady().then(() => client._runExclusiveTransaction(() => client._runExclusiveQuery(() => run(text, params, options))));
  });
}
