#!/usr/bin/env python3
"""Packs a root filesystem directory into a single-layer image tarball in `docker save` format
(manifest.json + config + layer.tar), the format Jib reads as a tar:// base image. Standard library only."""
import hashlib, io, json, os, sys, tarfile

def main(rootfs, out, tag):
    layer = io.BytesIO()
    with tarfile.open(fileobj=layer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name in sorted(os.listdir(rootfs)):
            if name in ("proc", "sys", "dev"):
                info = tarfile.TarInfo(name); info.type = tarfile.DIRTYPE; info.mode = 0o755
                tar.addfile(info)
                continue
            tar.add(os.path.join(rootfs, name), arcname=name, recursive=True)
    data = layer.getvalue()
    diff_id = "sha256:" + hashlib.sha256(data).hexdigest()
    config = {
        "architecture": "amd64", "os": "linux",
        "config": {"Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                           "JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64", "LANG=C.UTF-8"],
                   "User": "185", "WorkingDir": "/deployments"},
        "rootfs": {"type": "layers", "diff_ids": [diff_id]},
        "history": [{"created_by": "debootstrap bookworm minbase + openjdk-17-jre-headless (bench/deploy/build-images.sh)"}],
    }
    config_bytes = json.dumps(config).encode()
    config_name = hashlib.sha256(config_bytes).hexdigest() + ".json"
    manifest = json.dumps([{"Config": config_name, "RepoTags": [tag], "Layers": ["layer.tar"]}]).encode()
    with tarfile.open(out, "w") as tar:
        for name, payload in (("layer.tar", data), (config_name, config_bytes), ("manifest.json", manifest)):
            info = tarfile.TarInfo(name); info.size = len(payload); info.mode = 0o644
            tar.addfile(info, io.BytesIO(payload))

if __name__ == "__main__":
    main(*sys.argv[1:4])
