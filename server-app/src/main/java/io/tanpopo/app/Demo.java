package io.tanpopo.app;

import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.store.LockMode;
import io.tanpopo.store.memory.MemoryMailbox;
import io.tanpopo.store.memory.MemoryStore;

/** The demo: a user with a few sample messages in memory, and a line telling how to connect. */
final class Demo {

    static final String USER = "demo";
    static final String PASSWORD = "demo";

    private Demo() {}

    /** The demo user's in-memory store, holding the sample messages. */
    static MemoryStore store(LockMode lock) {
        MemoryStore store = new MemoryStore(lock);
        MemoryMailbox mailbox = store.mailbox(USER);
        mailbox.add("From: tanpopo <postmaster@localhost>\r\nTo: demo@localhost\r\nSubject: Welcome to tanpopo\r\n\r\n"
                + "This message comes from tanpopo's in-memory demo store.\r\n"
                + "Delete it with DELE 1 and QUIT; it is back when the demo restarts.\r\n");
        mailbox.add("From: tanpopo <postmaster@localhost>\r\nTo: demo@localhost\r\nSubject: Dot-stuffing\r\n\r\n"
                + "The next line starts with a dot, which POP3 sends doubled:\r\n.like this\r\n");
        mailbox.add("From: tanpopo <postmaster@localhost>\nTo: demo@localhost\nSubject: Bare LF\n\n"
                + "This message is stored with bare LF line endings; it goes out with CRLF.\n");
        return store;
    }

    static String howToConnect(Pop3Server server) {
        String host = server.address().getAddress().getHostAddress();
        String url = host.contains(":") ? "[" + host + "]" : host;
        return "demo user '" + USER + "', password '" + PASSWORD + "'. Try:\n"
                + "  curl pop3://" + url + ":" + server.port() + "/1 -u " + USER + ":" + PASSWORD + "\n"
                + "  python3 -c \"import poplib; p=poplib.POP3('" + host + "'," + server.port() + "); p.user('"
                + USER + "'); p.pass_('" + PASSWORD + "'); print(p.stat())\"";
    }
}
