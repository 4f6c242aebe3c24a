"""The shipped site templates compiled by Jinja2 (site_templates.py); written by `python -m petaproses.site_templates`."""

JINJA2 = '3.1.6'
SOURCES = {
    'aplikasi.html.j2': '13ff63bbe0b59726853e5fa2bf3c265e163c3229f6e5cdf7125b67270e52a637',
    'banding.html.j2': '4d31c22b39347ba0021c6220fd74376a010735605541be19e05fa9488e11b83e',
    'base.html.j2': '9591de77e9bc979fc8d16cd237576865941180e28eed54d98a7e0909f84009f5',
    'dampak.html.j2': '8b95dcee88a991271af910295b794594848e15bea55e91783cac6f029cd705b4',
    'index.html.j2': '03ec79133813a7242dedcfc5217cfbf2b6d155044eb2477cd3cb374c7d2ff2a1',
    'page.html.j2': 'd55aceb699fa223ef8430b3cc1722f459f9960133bec47b9610af20db4e5075e',
    'relasi.html.j2': '6a67bfb927e5fa2ba27f1bb682fc6911ec4fce15009f3ea2aa6b9204a8783db9',
    'relasi_sumber.html.j2': '27f7f8f0c8747a6228f85182c4af9730dd9548f41285f13933761cbb5f79e112',
}
