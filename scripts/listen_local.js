// Preloaded into Frappe's realtime server (node -r) so it listens on 127.0.0.1 only.
const net = require("net");
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
	if (typeof args[0] === "number" || (typeof args[0] === "string" && /^\d+$/.test(args[0]))) {
		args.splice(1, 0, process.env.GS_HOST || "127.0.0.1");
	}
	return listen.apply(this, args);
};
