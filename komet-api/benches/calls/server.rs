//! A minimal HTTP/1.1 server on 127.0.0.1 for the loopback group: it reads each request's head
//! and `Content-Length` body and answers one fixed 200 JSON body, keeping the connection open.
//! It parses nothing else, so what the group measures is the clients, not the server.

use std::sync::Arc;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// Starts serving `body` on a free port of the current runtime; returns the API root
/// (`http://127.0.0.1:<port>/api/`). The server lives as long as the runtime.
pub async fn start(body: String) -> String {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a free loopback port");
    let port = listener.local_addr().expect("a bound address").port();
    let answer: Arc<[u8]> = answer(&body).into();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let _ = stream.set_nodelay(true);
            tokio::spawn(serve(stream, Arc::clone(&answer)));
        }
    });
    format!("http://127.0.0.1:{port}/api/")
}

/// Status line, headers and body, written with one `write_all` per request.
fn answer(body: &str) -> Vec<u8> {
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    [head.as_bytes(), body.as_bytes()].concat()
}

/// Answers requests on one connection until the client closes it.
async fn serve(stream: TcpStream, answer: Arc<[u8]>) {
    let mut stream = BufReader::new(stream);
    let mut line = String::new();
    let mut body = Vec::new();
    loop {
        let Some(length) = read_head(&mut stream, &mut line).await else {
            return;
        };
        body.resize(length, 0);
        if stream.read_exact(&mut body).await.is_err()
            || stream.get_mut().write_all(&answer).await.is_err()
        {
            return;
        }
    }
}

/// Reads a request head; returns its `Content-Length` (0 without one), `None` at the end of
/// the connection.
async fn read_head(stream: &mut BufReader<TcpStream>, line: &mut String) -> Option<usize> {
    let mut length = 0;
    loop {
        line.clear();
        if stream.read_line(line).await.ok()? == 0 {
            return None;
        }
        match line.trim_end().split_once(':') {
            Some((name, value)) if name.eq_ignore_ascii_case("content-length") => {
                length = value.trim().parse().ok()?;
            }
            None if line.trim_end().is_empty() => return Some(length),
            _ => {}
        }
    }
}
