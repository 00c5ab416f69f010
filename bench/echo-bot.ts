/**
 * The baseline for the overhead benchmark: a bare grammY echo bot. It repeats each text message
 * and answers each button press, with grammY's built-in long polling, nothing else. Takes the same
 * TELEGRAM_BOT_TOKEN and TELEGRAM_API_ROOT variables as the real entry point.
 */
import { Bot } from "grammy";

const token = process.env.TELEGRAM_BOT_TOKEN ?? "";
const apiRoot = process.env.TELEGRAM_API_ROOT ?? "";
const bot = new Bot(token, { client: { apiRoot } });

bot.on("message:text", (ctx) => ctx.reply(ctx.message.text));
bot.on("callback_query:data", (ctx) => ctx.answerCallbackQuery());

process.once("SIGTERM", () => {
  void bot.stop().then(() => process.exit(0));
});
await bot.start({ allowed_updates: ["message", "callback_query"] });
