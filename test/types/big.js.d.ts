// The part of big.js 5 the decimal oracle uses (the package ships no types).
declare module 'big.js' {
  interface Big {
    round(dp?: number, rm?: 0 | 1 | 2 | 3): Big;
    toString(): string;
  }
  interface BigConstructor {
    (value: string | number): Big;
    new (value: string | number): Big;
  }
  const Big: BigConstructor;
  export = Big;
}
