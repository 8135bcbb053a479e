/**
 * The part of miniprogram-simulate the page tests use, for their type check. The package's own types pull
 * in a second copy of the mini program typings (through j-component), whose global `require` cannot
 * coexist with node's, which the tests need to run the api in-process.
 */
declare module 'miniprogram-simulate' {
  /** A rendered component or page, or a node found in one. */
  interface SimNode {
    dom?: HTMLElement;
    // Page data as the page set it: the tests read fields of whichever page they opened.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    data: any;
    instance: Record<string, unknown>;
    attach(parent: Element): void;
    detach(): void;
    querySelector(selector: string): SimNode | null;
    querySelectorAll(selector: string): SimNode[];
    dispatchEvent(name: string, options?: { detail?: unknown }): void;
    setData(data: Record<string, unknown>): void;
  }
  const simulate: {
    load(path: string, options?: { compiler?: 'official' | 'simulate'; rootPath?: string; less?: boolean; usingComponents?: Record<string, string> }): string;
    /** A component defined in the test itself (a template and its definition). */
    load(definition: { template: string; behaviors?: string[]; data?: Record<string, unknown>; methods?: Record<string, (...args: never[]) => unknown> }): string;
    render(id: string, properties?: Record<string, unknown>): SimNode;
    sleep(ms?: number): Promise<void>;
  };
  export default simulate;
}
