import { parse, protocol, type PGlite, type QueryOptions, type Results } from '@electric-sql/pglite';

type Queries = Pick<PGlite, 'query' | 'transaction'>;
type Message = Awaited<ReturnType<PGlite['execProtocolStream']>>[number];
type Statement = { name: string; paramTypes: number[]; rowDescription: Message | undefined };

const { serialize } = protocol;
// Enough for every query the app repeats; each one costs the database a cached plan.
export const MAX_STATEMENTS = 500;
// "cached plan must not change result type", "prepared statement does not exist"
const STALE_STATEMENT = new Set(['0A000', '26000']);

/** Whether a query text was seen before: the first sighting takes the driver's own way (migrations, one-off statements). */
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

/**
 * Runs a query PGlite has already seen as a named prepared statement: PostgreSQL parses it once, not
 * on every call, and it goes to the database in one call where PGlite's `query` makes six.
 */
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

  async function run<T>(text: string, params: unknown[] = [], options: QueryOptions = {}, inTransaction = false): Promise<Results<T>> {
    let statement = statements.get(text);
    if (statement) {
      // Most recently used last, so that the one closed is the one least used.
      statements.delete(text);
      statements.set(text, statement);
    } else statement = await prepare(text);
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
      if (!STALE_STATEMENT.has((error as { code?: string }).code ?? '')) throw error;
      // A table changed under the statement: prepared again it reads as PGlite's query would, except
      // in a transaction, which the error has already ended.
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

  return {
    query: async (text, params, options) => {
      if (!worthPreparing(text)) return client.query(text, params, options);
      await client._checkReady();
      // As PGlite's own query: never inside another caller's transaction.
      return client._runExclusiveTransaction(() => client._runExclusiveQuery(() => run(text, params, options)));
    },
    transaction: (callback) =>
      client.transaction((tx) => {
        const query: typeof tx.query = (text, params, options) => {
          if (!worthPreparing(text)) return tx.query(text, params, options);
          if (tx.closed) return Promise.reject(new Error('Transaction is closed'));
          return client._runExclusiveQuery(() => run(text, params, options, true));
        };
        return callback(Object.assign(Object.create(tx) as typeof tx, { query }));
      }),
  };
}

