/**
 * One value per request, loaded on first use and shared by every field that asks (the caller's
 * profile, a whole list). A failed load is not kept; a write can replace the value or forget it.
 */
export class Memo<T> {
  private value: Promise<T> | undefined;

  constructor(private readonly load: () => Promise<T>) {}

  get(): Promise<T> {
    if (!this.value) {
      const loading = this.load();
      this.value = loading;
      loading.catch(() => {
        if (this.value === loading) this.value = undefined;
      });
    }
    return this.value;
  }

  set(value: T): void {
    this.value = Promise.resolve(value);
  }

  clear(): void {
    this.value = undefined;
  }
}
