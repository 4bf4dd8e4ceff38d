// The chat panel: a signed-in visitor books a car by talking to the bot (the
// local stack's Lex V2 runtime and the real code hook), by keyboard alone,
// and finds it in My bookings at once; the conversation stays while they
// move between pages; the bot's card is buttons; the confirmation links to
// the booking. On a phone the panel is a modal dialog. Signed out, the panel
// offers the sign-in page. axe runs with the panel open.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeFindings, describeFindings, isBlocking } from './a11y';
import { NEW_PASSWORD, createUser, launch, newContext, randomPeriod, shot, signInUi, uniqueEmail } from './support';

/** "2027-03-05" as people type it: "March 5". */
function said(iso: string): string {
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-US', { month: 'long', day: 'numeric', timeZone: 'UTC' });
}

async function expectAccessible(page: Page, name: string): Promise<void> {
  const blocking = (await axeFindings(page, name)).filter(isBlocking);
  expect(blocking, describeFindings(blocking)).toEqual([]);
}

describe('chat panel', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('books a car by chatting, by keyboard alone, and shows it in My bookings', async () => {
    const email = uniqueEmail('chat');
    await createUser(email);
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signInUi(page, email, NEW_PASSWORD);
    const period = randomPeriod('Europe/Paris', 3);

    // Open the panel from the keyboard: focus lands in the message box.
    const launcher = page.getByRole('button', { name: 'Chat with us' });
    await launcher.focus();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('dialog', { name: 'Car Rental assistant' });
    await panel.waitFor();
    const box = panel.getByLabel('Message');
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
    await expectAccessible(page, 'chat panel');

    // One sentence with every slot; the bot quotes and asks, with a card of buttons.
    await page.keyboard.type(`Book an economy car in Paris from ${said(period.pickupDate)} to ${said(period.returnDate)}`);
    await page.keyboard.press('Enter');
    const log = panel.getByRole('log', { name: 'Conversation' });
    await log.getByText(/Shall I book it\?/).waitFor();
    expect(await log.textContent()).toMatch(/The best price for an economy car at Paris Gare de Lyon is a .* 3 days, €[0-9.]+ in total/);
    const answers = panel.getByRole('group', { name: 'Shall I book it?' });
    await answers.getByRole('button', { name: 'Yes' }).waitFor();
    await shot(page, 'chat-quote', 'desktop');

    // Tab from the message box back to the card's Yes, and press it.
    await box.focus();
    for (let i = 0; i < 10 && !(await answers.getByRole('button', { name: 'Yes' }).evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Shift+Tab');
    }
    await page.keyboard.press('Enter');
    await log.getByText(/Done! Your economy .* is booked/).waitFor();
    const link = log.getByRole('link', { name: /^booking [0-9A-Z]{26}$/ });
    const bookingId = ((await link.getAttribute('href')) ?? '').split('/').pop()!;
    expect(bookingId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(await answers.getByRole('button', { name: 'Yes' }).isDisabled()).toBe(true); // answered
    await expectAccessible(page, 'chat panel, booked');

    // My bookings has it at once, and the conversation is still there on the new page.
    await page.getByRole('link', { name: 'My bookings' }).first().click();
    await page.locator(`[data-booking-id="${bookingId}"]`).waitFor();
    expect(await log.textContent()).toContain(bookingId);

    // The confirmation links to the booking.
    await link.click();
    await page.waitForURL(new RegExp(`/my-bookings/${bookingId}$`));
    await page.getByRole('heading', { level: 1 }).waitFor();

    // Escape closes the panel and gives focus back to the chat button.
    await box.focus();
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    expect(await launcher.evaluate((el) => el === document.activeElement)).toBe(true);

    // It opens again where it was.
    await launcher.click();
    expect(await panel.getByRole('log').textContent()).toContain(bookingId);
    await ctx.close();
  });

  it('is a modal dialog on a phone, and offers the sign-in page to a visitor who is signed out', async () => {
    const ctx = await newContext(browser, 'phone');
    const page = await ctx.newPage();
    await page.goto('/');
    await page.getByRole('button', { name: 'Chat with us' }).click();
    const panel = page.getByRole('dialog', { name: 'Car Rental assistant' });
    await panel.waitFor();
    // Modal: it fills the screen, and the page behind it is inert.
    expect(await panel.evaluate((el) => (el as HTMLDialogElement).matches(':modal'))).toBe(true);
    const box = await panel.boundingBox();
    expect(box && box.width >= 389 && box.height >= 800).toBe(true);
    expect(await panel.getByRole('log').textContent()).toContain('Please sign in first');
    expect(await panel.getByLabel('Message').count()).toBe(0);
    await expectAccessible(page, 'chat panel, phone, signed out');
    await shot(page, 'chat-signed-out', 'phone');

    await panel.getByRole('link', { name: 'Sign in' }).click();
    await page.waitForURL(/\/sign-in\?next=%2F$/);
    await page.getByRole('heading', { level: 1, name: /sign in/i }).waitFor();
    expect(await panel.count()).toBe(0); // following the link closed the phone's modal panel
    await ctx.close();
  });

  it('answers what it does not understand with what it can do', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signInUi(page);
    await page.getByRole('button', { name: 'Chat with us' }).click();
    const panel = page.getByRole('dialog', { name: 'Car Rental assistant' });
    await panel.getByLabel('Message').fill('flurb wizzle');
    await panel.getByRole('button', { name: 'Send' }).click();
    await panel.getByRole('log').getByText(/I can book a rental car for you/).waitFor();
    await ctx.close();
  });
});
