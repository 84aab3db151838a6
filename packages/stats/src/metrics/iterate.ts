/** Records to aggregate: an array, a generator, a stream of parsed records, a database cursor… */
export type Records<T> = Iterable<T> | AsyncIterable<T>;

/** Calls `add` on every record, one at a time: nothing is buffered, so memory stays what the accumulator holds. */
export async function forEachRecord<T>(records: Records<T>, add: (record: T) => void): Promise<void> {
  // A plain loop for sync input: `for await` would cost a promise per record.
  if (Symbol.asyncIterator in records) for await (const record of records) add(record);
  else for (const record of records) add(record);
}
