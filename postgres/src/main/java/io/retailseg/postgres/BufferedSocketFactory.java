package io.retailseg.postgres;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain sockets whose input is read {@link #READ_BUFFER} bytes at a time, for pgjdbc's {@code socketFactory}
 * property. pgjdbc reads the server's messages through an 8 KB buffer of its own, so a binary COPY of 10 M lines
 * (about 1 GB) took about 148,000 {@code read} calls ({@code strace -c}); behind this buffer each call fetches
 * up to 64 KB that the kernel already holds. Writes and everything else are the plain socket's.
 *
 * <p>pgjdbc instantiates the class by name: it must stay public with a public no-argument constructor.
 */
public final class BufferedSocketFactory extends SocketFactory {
    static final int READ_BUFFER = 1 << 16;

    public BufferedSocketFactory() {
        // for pgjdbc's ObjectFactory
    }

    @Override
    public Socket createSocket() {
        return new BufferedSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private Socket connected(InetSocketAddress address) throws IOException {
        return connected(address, null);
    }

    /** A new socket, bound to {@code local} first unless it is null, connected to {@code remote}. */
    private Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
        Socket s = createSocket();
        if (local != null) {
            s.bind(local);
        }
        s.connect(remote);
        return s;
    }

    /** A socket whose input stream is buffered; the same stream on every call, as pgjdbc and TLS expect. */
    private static final class BufferedSocket extends Socket {
        private InputStream in;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new BufferedInputStream(super.getInputStream(), READ_BUFFER);
            }
            return in;
        }
    }
}
