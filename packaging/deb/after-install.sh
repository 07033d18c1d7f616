#!/bin/bash
# After installing the Talon .deb: what electron-builder's own script does (the `talon` command,
# the Chromium sandbox), then the hub's user, data dir, systemd unit and the kiosk's autostart.
# docs/operations.md explains each step. Plain $VAR only: electron-builder fills in dollar-brace names.
set -e
APP=/opt/Talon
RES=$APP/resources/packaging

if type update-alternatives >/dev/null 2>&1; then
  if [ -L /usr/bin/talon ] && [ -e /usr/bin/talon ] && [ "$(readlink /usr/bin/talon)" != /etc/alternatives/talon ]; then
    rm -f /usr/bin/talon
  fi
  update-alternatives --install /usr/bin/talon talon "$APP/talon" 100 || ln -sf "$APP/talon" /usr/bin/talon
else
  ln -sf "$APP/talon" /usr/bin/talon
fi
if ! { [ -L /proc/self/ns/user ] && unshare --user true 2>/dev/null; }; then
  chmod 4755 "$APP/chrome-sandbox" || true
else
  chmod 0755 "$APP/chrome-sandbox" || true
fi
if hash update-desktop-database 2>/dev/null; then
  update-desktop-database /usr/share/applications || true
fi

# The hub's own user: no login, no home but its data dir; serial ports and printers through groups.
if ! getent passwd talon >/dev/null; then
  useradd --system --user-group --home-dir /var/lib/talon --no-create-home --shell /usr/sbin/nologin --comment "Talon hub" talon
fi
for group in dialout lp; do
  if getent group "$group" >/dev/null; then usermod -a -G "$group" talon; fi
done
install -d -o talon -g talon -m 0750 /var/lib/talon
install -d -m 0755 /etc/talon
if [ ! -e /etc/talon/talon.yaml.example ]; then
  install -m 0644 "$RES/talon.yaml.example" /etc/talon/talon.yaml.example
fi

# The headless hub's unit, enabled; it starts once /etc/talon/talon.yaml exists (ConditionPathExists).
install -m 0644 "$RES/talon-hub.service" /lib/systemd/system/talon-hub.service
# The kiosk app starts at every desktop login on this machine.
install -d /etc/xdg/autostart
install -m 0644 "$RES/talon-autostart.desktop" /etc/xdg/autostart/talon.desktop

if [ -d /run/systemd/system ]; then
  systemctl daemon-reload || true
  systemctl enable talon-hub.service || true
  # An upgrade restarts a running hub on the new version (it backs up before migrating).
  if systemctl is-active --quiet talon-hub.service; then systemctl restart talon-hub.service || true; fi
fi
exit 0
