/**
 * @file trace.h  The recorded exchange: what the judge reads
 *
 * Every datagram and stream segment the client's sockets receive lands
 * here with a monotonic microsecond time, direction, transport and peer,
 * before any parsing can drop it.  Stream segments are also framed into
 * messages (RFC 3261 section 18.3) by the wire layer; the judge reads the
 * messages, the reports can quote the segments. 
 */
#ifndef SIPCONFORM_TRACE_TRACE_H
#define SIPCONFORM_TRACE_TRACE_H

#include <stdio.h>
#include <re.h>


enum trace_kind {
	TRACE_MSG = 0,   /**< one SIP message: a datagram or a framed one  */
	TRACE_SEG,       /**< a raw TCP segment as read from the socket    */
	TRACE_NOTE,      /**< something the wire saw: reset, connect error */
};

enum trace_dir {
	TRACE_IN = 0,    /**< received from the target                     */
	TRACE_OUT,       /**< sent by sipconform                           */
};

struct trace_ev {
	struct le le;
	size_t index;            /**< position in the trace, from 0        */
	enum trace_kind kind;
	enum trace_dir dir;
	enum sip_transp tp;
	struct sa local;
	struct sa peer;
	unsigned conn;           /**< TCP connection number, 0 for UDP     */
	uint64_t t_us;           /**< microseconds since the trace began   */
	bool incomplete;         /**< stream ended inside this message     */
	bool cut;                /**< ... because the recording ended (our
				      --timeout), not the connection: the
				      rest may still have been on its way */
	uint8_t *data;           /**< copy of the bytes, in the event's block */
	size_t len;
};

/** Called for every event as it is recorded (--verbose) */
typedef void (trace_obs_h)(const struct trace_ev *ev, void *arg);

struct trace {
	struct list evl;
	size_t n;
	uint64_t end_us;         /**< when recording stopped               */
	size_t max_in;           /**< received events recorded at most (the
				      judging time and memory a run may
				      take); 0: no limit                   */
	uint32_t unrecorded;     /**< received past max_in, not recorded   */
	size_t n_in;             /**< received events recorded             */
	uint32_t kernel_drops;   /**< datagrams the kernel dropped at our
				      socket (receive buffer full) before
				      they could be recorded              */
	uint64_t started_unix;   /**< wall clock when it began (the
				      client sets it), 0: unknown (traces
				      saved before it was kept)            */
	bool single_uas;         /**< the user declared the peer one UAS
				      (--single-uas): saved, so that a
				      judge of the file is the same       */
	trace_obs_h *obsh;
	void *obsarg;
};

int  trace_alloc(struct trace **tp);
int  trace_add(struct trace *t, enum trace_kind kind, enum trace_dir dir,
	       enum sip_transp tp, const struct sa *local,
	       const struct sa *peer, unsigned conn, uint64_t t_us,
	       const uint8_t *p, size_t len, struct trace_ev **evp);
int  trace_note(struct trace *t, uint64_t t_us, const char *fmt, ...);
size_t trace_count(const struct trace *t, enum trace_kind kind,
		   enum trace_dir dir);
const char *trace_dir_str(enum trace_dir dir);

/* A trace on disk: replayable offline through `sipconform judge` */
int  trace_save(const struct trace *t, FILE *f);
int  trace_load(struct trace **tp, FILE *f);

/** Why a trace file was refused: EBADMSG from trace_load_why() */
struct trace_fault {
	unsigned line;           /**< 1-based line of the file             */
	char why[160];
};

int  trace_load_why(struct trace **tp, FILE *f, struct trace_fault *why);

/* An address as sipconform writes it ("%J", or "-" for none), strictly:
 * EBADMSG with the reason in why otherwise (traces, merged reports) */
int  trace_addr_read(struct sa *sa, const char *s, char *why, size_t whysz,
		     const char *which);

#endif
