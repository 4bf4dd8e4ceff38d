// The chat button on every page, and the panel it opens. Only this button
// is part of the first page: the panel and the Lex client load when the
// visitor first opens it.
import { Suspense, lazy, useEffect, useRef } from 'react';
import { useAuth } from '../auth/AuthContext';
import { useConfig } from '../configContext';
import { chat, session, useChat } from './store';
import './chat.css';

const ChatPanel = lazy(() => import('./ChatPanel'));

export function ChatWidget() {
  const config = useConfig();
  const auth = useAuth();
  const { open } = useChat();
  const button = useRef<HTMLButtonElement>(null);

  // Another user (or nobody) at this browser: a new conversation.
  const user = auth.status === 'signedIn' ? (auth.user?.sub ?? '') : '';
  useEffect(() => {
    if (auth.status !== 'loading' && user !== session.user) chat.reset(user);
  }, [auth.status, user]);

  if (!config.chatbot) return null;
  const close = () => {
    chat.setOpen(false);
    button.current?.focus();
  };
  return (
    <>
      <button
        ref={button}
        type="button"
        className="chat-launcher"
        aria-haspopup="dialog"
        aria-expanded={open}
        {...(open ? { 'aria-controls': 'chat-panel' } : {})}
        onClick={() => chat.setOpen(!open)}
      >
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
          <path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z" fill="currentColor" />
        </svg>
        <span>{open ? 'Close chat' : 'Chat with us'}</span>
      </button>
      {open && (
        <Suspense fallback={null}>
          <ChatPanel onClose={close} />
        </Suspense>
      )}
    </>
  );
}
