/**
 * Records kept in id order with their JSON cached. A real site has up to 100,000 badges and the list
 * endpoints are the only way to read them, so serving a list must cost almost nothing: the full list
 * and each page are cached as JSON strings, and a change re-serialises only the record that changed.
 */
export class JsonCollection<T extends { id: number }> {
  private readonly records = new Map<number, T>();
  /** Ids in ascending order (DRF lists a model ordered by primary key). */
  private ids: number[] = [];
  /** JSON of each record, aligned with `ids`; undefined until a list is first served. */
  private parts: string[] | undefined;
  private listJson: string | undefined;
  private readonly pages = new Map<string, string>();

  constructor(private readonly serialize: (record: T) => unknown) {}

  get size(): number {
    return this.records.size;
  }

  get(id: number): T | undefined {
    return this.records.get(id);
  }

  has(id: number): boolean {
    return this.records.has(id);
  }

  values(): T[] {
    return this.ids.map((id) => this.records.get(id)!);
  }

  /** The highest id, 0 when empty. */
  get lastId(): number {
    return this.ids.length === 0 ? 0 : this.ids[this.ids.length - 1]!;
  }

  add(record: T): void {
    if (this.records.has(record.id)) throw new Error(`record ${record.id} already exists`);
    this.records.set(record.id, record);
    if (record.id > this.lastId) {
      this.ids.push(record.id);
      this.parts?.push(this.json(record));
    } else {
      this.ids.splice(this.indexOf(record.id, true), 0, record.id);
      this.parts = undefined;
    }
    this.invalidateLists();
  }

  /** Applies a change to one record and refreshes its cached JSON. */
  update(id: number, change: (record: T) => void): T {
    const record = this.records.get(id);
    if (!record) throw new Error(`record ${id} not found`);
    change(record);
    if (this.parts) this.parts[this.indexOf(id, false)] = this.json(record);
    this.invalidateLists();
    return record;
  }

  /** Drops every cached JSON, for a change that affects all records (a renamed status). */
  reserializeAll(): void {
    this.parts = undefined;
    this.invalidateLists();
  }

  clear(): void {
    this.records.clear();
    this.ids = [];
    this.parts = [];
    this.invalidateLists();
  }

  /** The whole list as a JSON array string. */
  listAsJson(): string {
    this.listJson ??= `[${this.allParts().join(',')}]`;
    return this.listJson;
  }

  /** One page (1-based) of the list as a JSON array string. */
  pageAsJson(page: number, pageSize: number): string {
    const key = `${pageSize}:${page}`;
    let json = this.pages.get(key);
    if (json === undefined) {
      json = `[${this.allParts()
        .slice((page - 1) * pageSize, page * pageSize)
        .join(',')}]`;
      this.pages.set(key, json);
    }
    return json;
  }

  private allParts(): string[] {
    this.parts ??= this.ids.map((id) => this.json(this.records.get(id)!));
    return this.parts;
  }

  private json(record: T): string {
    return JSON.stringify(this.serialize(record));
  }

  private invalidateLists(): void {
    this.listJson = undefined;
    this.pages.clear();
  }

  /** Binary search in `ids`: the index of `id`, or (insertion) the index where it belongs. */
  private indexOf(id: number, insertion: boolean): number {
    let low = 0;
    let high = this.ids.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.ids[mid]! < id) low = mid + 1;
      else high = mid;
    }
    if (!insertion && this.ids[low] !== id) throw new Error(`record ${id} not indexed`);
    return low;
  }
}
