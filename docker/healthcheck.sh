#!/bin/bash
# The image's HEALTHCHECK: healthy when GET /health/ready on the management port answers 200. Uses bash's
# /dev/tcp, so the image needs neither curl nor wget.
port="${JUNCTION_MANAGEMENT_PORT:-8081}"
exec 3<>"/dev/tcp/127.0.0.1/${port}" || exit 1
printf 'GET /health/ready HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n' "$port" >&3
IFS=' ' read -r -t 2 _ status _ <&3 || exit 1
[[ "$status" == "200" ]]
