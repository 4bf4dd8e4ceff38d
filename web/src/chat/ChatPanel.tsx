// The chat panel: the conversation with the chatbot (Amazon Lex V2), loaded
// when the visitor first opens it. On a phone it is a modal dialog over the
// page; on a wider screen a panel beside it, so the visitor can go on
// browsing. The conversation itself lives in ./store, so it outlasts the
// panel and every page change.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { idToken } from '../auth/amplify';
import { useAuth } from '../auth/AuthContext';
import type { ChatbotConfig } from '../config';
import { useConfig } from '../configContext';
import { notifyBookingsChanged } from '../lib/bookingEvents';
import type { Ask } from './lex';
import { linkify } from './linkify';
import { chat, session, useChat, type Line } from './store';

const PHONE = '(max-width: 36rem)';
const GREETING = 'Hi! I can book a car for you, list your bookings or cancel one. Try “Book an SUV in Berlin from March 5 to March 8”.';
const SIGN_IN = 'Please sign in first: I can book cars and look up bookings for signed-in customers only.';
const UNREACHABLE = 'Sorry, I can’t reach the assistant right now. Please try again in a moment.';

let ask: Promise<Ask> | undefined;

/** The Lex client, loaded (a chunk of its own) on first use. */
function lex(config: ReturnType<typeof useConfig> & { chatbot: ChatbotConfig }): Promise<Ask> {
  ask ??= import('./lex').then((m) => m.connect(config, idToken));
  ask.catch(() => (ask = undefined)); // a failed load is tried again next time
  return ask;
}

export default function ChatPanel({ onClose }: { onClose: () => void }) {
  const config = useConfig();
  const bot = config.chatbot!;
  const auth = useAuth();
  const location = useLocation();
  const state = useChat();
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const log = useRef<HTMLDivElement>(null);
  const [text, setText] = useState('');
  const signedOut = auth.status === 'signedOut';

  // Open as a modal on a phone, beside the page otherwise; start loading the client.
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    const modal = window.matchMedia?.(PHONE).matches ?? false;
    if (!d.open) {
      if (modal && typeof d.showModal === 'function') d.showModal();
      else if (typeof d.show === 'function') d.show();
      else d.setAttribute('open', '');
    }
    (input.current ?? d.querySelector<HTMLElement>('a, button'))?.focus();
    void lex({ ...config, chatbot: bot }).catch(() => undefined);
    return () => {
      if (d.open && typeof d.close === 'function') d.close();
    };
  }, [config, bot]);

  // The newest message in view.
  useEffect(() => {
    const l = log.current;
    if (l) l.scrollTop = l.scrollHeight;
  }, [state.lines.length, state.busy]);

  async function send(value: string, shown = value) {
    const said = value.trim();
    if (!said || state.busy) return;
    chat.cardsDone();
    chat.add({ from: 'user', text: shown.trim() });
    chat.setBusy(true);
    try {
      const token = await idToken();
      if (!token) {
        chat.setSignIn(true);
        chat.add({ from: 'bot', text: SIGN_IN });
        return;
      }
      const answer = await (await lex({ ...config, chatbot: bot }))(session.id, said, { ...session.attributes, idToken: token });
      const { idToken: _sent, ...rest } = answer.attributes; // a fresh one goes with every message
      session.attributes = rest;
      for (const m of answer.messages) chat.add({ from: 'bot', ...m });
      const asksSignIn = answer.state === 'Failed' && answer.messages.some((m) => /sign in/i.test(m.text ?? ''));
      chat.setSignIn(asksSignIn);
      if (answer.state === 'Fulfilled' && (answer.intent === 'BookCar' || answer.intent === 'CancelBooking')) notifyBookingsChanged();
    } catch (err) {
      console.error(err);
      chat.add({ from: 'bot', text: UNREACHABLE, failed: true });
    } finally {
      chat.setBusy(false);
    }
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const value = text;
    setText('');
    void send(value);
    input.current?.focus();
  }

  // Following a link closes the modal panel of a phone, which covers the page.
  const onFollow = () => {
    if (window.matchMedia?.(PHONE).matches) onClose();
  };
  const next = encodeURIComponent(location.pathname + location.search);

  return (
    <dialog
      ref={dialog}
      id="chat-panel"
      className="chat-panel"
      aria-labelledby="chat-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <div className="chat-panel__head">
        <h2 id="chat-title">Car Rental assistant</h2>
        <button type="button" className="chat-panel__close" onClick={onClose} aria-label="Close chat">
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <div className="chat-log" ref={log} role="log" aria-live="polite" aria-label="Conversation">
        <ol className="chat-log__list">
        <li className="chat-msg chat-msg--bot">
          <span className="chat-sr">Assistant: </span>
          {signedOut ? SIGN_IN : GREETING}
        </li>
        {state.lines.map((l) => (
          <Entry key={l.id} line={l} busy={state.busy} onChoose={(value, label) => void send(value, label)} onFollow={onFollow} />
        ))}
        {state.busy && (
          <li className="chat-msg chat-msg--bot chat-msg--typing">
            <span className="chat-sr">The assistant is answering…</span>
            <span aria-hidden="true">…</span>
          </li>
        )}
        </ol>
      </div>
      {signedOut || state.signIn ? (
        <div className="chat-panel__signin">
          <Link className="button button--small" to={`/sign-in?next=${next}`} onClick={onFollow}>
            Sign in
          </Link>
        </div>
      ) : null}
      {!signedOut && (
        <form className="chat-form" onSubmit={onSubmit}>
          <label htmlFor="chat-input" className="chat-sr">
            Message
          </label>
          <input
            id="chat-input"
            ref={input}
            value={text}
            onChange={(e) => setText(e.target.value)}
            maxLength={1024}
            autoComplete="off"
            placeholder="Type a message"
          />
          <button type="submit" className="button button--small" disabled={state.busy || !text.trim()}>
            Send
          </button>
        </form>
      )}
    </dialog>
  );
}

function Entry(props: { line: Line; busy: boolean; onChoose: (value: string, label: string) => void; onFollow: () => void }) {
  const { line } = props;
  if (line.card) {
    return (
      <li className="chat-card">
        <div role="group" aria-label={line.card.title}>
          {line.card.buttons.map((b) => (
            <button
              key={b.value}
              type="button"
              className="button button--small button--secondary"
              disabled={line.used || props.busy}
              onClick={() => props.onChoose(b.value, b.text)}
            >
              {b.text}
            </button>
          ))}
        </div>
      </li>
    );
  }
  return (
    <li className={`chat-msg chat-msg--${line.from}${line.failed ? ' chat-msg--failed' : ''}`}>
      <span className="chat-sr">{line.from === 'user' ? 'You: ' : 'Assistant: '}</span>
      {line.from === 'bot' ? linkify(line.text ?? '', props.onFollow) : line.text}
    </li>
  );
}
