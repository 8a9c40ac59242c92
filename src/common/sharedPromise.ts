/**
 * A read made on the first call and shared by the calls after it, until it fails: the call after a
 * failure reads again (a refused credential, fixed since, or a network that is back). No vscode.
 */
export class SharedPromise<T> {
  private current: Promise<T> | undefined;

  get(make: () => Promise<T>): Promise<T> {
    if (!this.current) {
      const made = make();
      this.current = made;
      made.catch(() => {
        if (this.current === made) this.current = undefined;
      });
    }
    return this.current;
  }
}
