import { createMemoryStore } from "../../src/store/memory.js";
import { describeStoreContract, fakeClock } from "./contract.js";

describeStoreContract("the in-process store", async () => {
  const time = fakeClock();
  return {
    store: createMemoryStore({ clock: time.clock }),
    now: time.clock,
    async elapse(ms) {
      time.advance(ms);
    },
  };
});
