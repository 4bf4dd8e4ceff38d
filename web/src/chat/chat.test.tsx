// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { StaticAuthProvider, type AuthState } from '../auth/AuthContext';
import type { AppConfig } from '../config';
import { ConfigProvider } from '../configContext';
import { onBookingsChanged, notifyBookingsChanged } from '../lib/bookingEvents';
import { ChatWidget } from './ChatWidget';
import { linkify } from './linkify';
import { chat, session } from './store';

const base: AppConfig = {
  apiBaseUrl: '/api',
  region: 'us-east-1',
  userPoolId: 'local_1',
  userPoolClientId: 'c1',
  authFlowType: 'USER_PASSWORD_AUTH',
  emailVerification: 'code',
};
const withBot: AppConfig = { ...base, chatbot: { botId: 'LEXBOT0000', botAliasId: 'LIVE000000', localeId: 'en_US', endpoint: 'http://localhost:3000' } };
const alice: AuthState = {
  status: 'signedIn',
  user: { email: 'alice@example.com', sub: 'alice-sub' },
  refresh: async () => undefined,
  signOut: async () => undefined,
};

function renderWidget(config: AppConfig, auth: AuthState = alice) {
  return render(
    <ConfigProvider value={config}>
      <StaticAuthProvider value={auth}>
        <MemoryRouter>
          <ChatWidget />
        </MemoryRouter>
      </StaticAuthProvider>
    </ConfigProvider>,
  );
}

describe('linkify', () => {
  it('links each booking number to its page', () => {
    render(<MemoryRouter>{linkify('Your booking number is 01M97A215X3GAWFT7F6XFV7A98; see (booking 01M97A215X3GAWFT7F6XFV7A99).')}</MemoryRouter>);
    const links = screen.getAllByRole('link');
    expect(links.map((l) => l.getAttribute('href'))).toEqual(['/my-bookings/01M97A215X3GAWFT7F6XFV7A98', '/my-bookings/01M97A215X3GAWFT7F6XFV7A99']);
    expect(links[0]!.getAttribute('aria-label')).toBe('booking 01M97A215X3GAWFT7F6XFV7A98');
    cleanup();
  });

  it('leaves other words alone', () => {
    // 25 characters, an I (not in Crockford's base 32), lower case: no booking numbers.
    const text = 'Not 01M97A215X3GAWFT7F6XFV7A, nor 01M97A215X3GAWFT7F6XFV7AI, nor 01m97a215x3gawft7f6xfv7a98.';
    expect(linkify(text)).toEqual([text]);
  });
});

describe('ChatWidget', () => {
  afterEach(() => {
    cleanup();
    chat.setOpen(false);
  });

  it('is a button on the page when config.json names a chatbot, and nothing otherwise', () => {
    renderWidget(base);
    expect(screen.queryByRole('button', { name: /chat/i })).toBeNull();
    cleanup();
    renderWidget(withBot);
    const button = screen.getByRole('button', { name: 'Chat with us' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(button.getAttribute('aria-haspopup')).toBe('dialog');
    expect(button.hasAttribute('aria-controls')).toBe(false); // the panel is not there yet
  });

  it('opens and closes the panel, and says so', async () => {
    renderWidget(withBot);
    fireEvent.click(screen.getByRole('button', { name: 'Chat with us' }));
    const button = screen.getByRole('button', { name: 'Close chat', expanded: true });
    expect(button.getAttribute('aria-controls')).toBe('chat-panel');
    expect(await screen.findByRole('heading', { name: 'Car Rental assistant' })).toBeTruthy();
    expect(screen.getByRole('log', { name: 'Conversation' }).textContent).toContain('I can book a car for you');
    expect(screen.getByLabelText('Message')).toBeTruthy();
    fireEvent.click(screen.getAllByRole('button', { name: 'Close chat' })[1]!); // the panel's own
    expect(screen.queryByRole('heading', { name: 'Car Rental assistant' })).toBeNull();
  });

  it('offers the sign-in page to a visitor who is signed out, and no message box', async () => {
    renderWidget(withBot, { ...alice, status: 'signedOut', user: null });
    fireEvent.click(screen.getByRole('button', { name: 'Chat with us' }));
    expect(await screen.findByRole('link', { name: 'Sign in' })).toBeTruthy();
    expect(screen.queryByLabelText('Message')).toBeNull();
    expect(screen.getByRole('log').textContent).toContain('Please sign in first');
  });

  it('starts a new conversation when another user signs in', () => {
    renderWidget(withBot);
    chat.add({ from: 'user', text: 'book a car' });
    const first = session.id;
    cleanup();
    renderWidget(withBot, { ...alice, user: { email: 'bob@example.com', sub: 'bob-sub' } });
    expect(chat.get().lines).toEqual([]);
    expect(session.id).not.toBe(first);
    expect(session.user).toBe('bob-sub');
  });
});

describe('bookingEvents', () => {
  it('tells every listener, until it unsubscribes', () => {
    let heard = 0;
    const stop = onBookingsChanged(() => heard++);
    notifyBookingsChanged();
    stop();
    notifyBookingsChanged();
    expect(heard).toBe(1);
  });
});
